import { Chip, Stack, Typography } from '@mui/material';
import type { Habit, PublicHabit } from '../api';
import { useAuth } from '../store/auth';
import { pauseText, scheduleText } from '../utils/schedule';
import { formatTimeOfDay, todayIn } from '../utils/time';

/** The habit as a sentence plus its key facts as chips. */
export function HabitSummary({ habit }: { habit: Habit | PublicHabit }) {
  const own = 'is_active' in habit ? habit : null;
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const pause = own && pauseText(own, todayIn(timeZone));
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        At {formatTimeOfDay(habit.time_of_day)} in {habit.place}, I will {habit.action}.
        {own?.related_pleasant_habit_name && <> Then: {own.related_pleasant_habit_name}.</>}
        {habit.reward_text && <> Reward: {habit.reward_text}.</>}
      </Typography>
      <Stack direction="row" spacing={0.75} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
        <Chip size="small" label={habit.is_pleasant ? 'Pleasant' : 'Useful'} color={habit.is_pleasant ? 'secondary' : 'primary'} variant="outlined" />
        <Chip size="small" label={scheduleText(habit)} variant="outlined" />
        <Chip size="small" label={`${habit.repeat_limit} to form`} variant="outlined" />
        {own?.is_public && <Chip size="small" label="Public" variant="outlined" />}
        {own && !own.is_active && <Chip size="small" label="Inactive" />}
        {pause && <Chip size="small" color="info" label={pause} />}
        {own?.is_archived && <Chip size="small" label="Archived" />}
      </Stack>
    </>
  );
}
