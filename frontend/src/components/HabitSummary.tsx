import { Chip, Stack, Typography } from '@mui/material';
import type { Habit, PublicHabit } from '../api';
import { periodicityLabel } from '../utils/habitText';
import { formatTimeOfDay } from '../utils/time';

/** The habit as a sentence plus its key facts as chips. */
export function HabitSummary({ habit }: { habit: Habit | PublicHabit }) {
  const own = 'is_active' in habit ? habit : null;
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        At {formatTimeOfDay(habit.time_of_day)} in {habit.place}, I will {habit.action}.
        {own?.related_pleasant_habit_name && <> Then: {own.related_pleasant_habit_name}.</>}
        {habit.reward_text && <> Reward: {habit.reward_text}.</>}
      </Typography>
      <Stack direction="row" spacing={0.75} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
        <Chip size="small" label={habit.is_pleasant ? 'Pleasant' : 'Useful'} color={habit.is_pleasant ? 'secondary' : 'primary'} variant="outlined" />
        <Chip size="small" label={periodicityLabel(habit.periodicity_days)} variant="outlined" />
        <Chip size="small" label={`${habit.repeat_limit} to form`} variant="outlined" />
        {own?.is_public && <Chip size="small" label="Public" variant="outlined" />}
        {own && !own.is_active && <Chip size="small" label="Paused" />}
      </Stack>
    </>
  );
}
