import { Alert, Box, ButtonBase, Card, Link, Tooltip, Typography, useMediaQuery } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import type { Habit, Instance } from '../../api';
import { DayMark } from '../../components/DayMark';
import { DayMarkMenu } from '../../components/DayMarkMenu';
import { useMarkDay } from '../../hooks/useMarkDay';
import { useNow } from '../../hooks/useNow';
import { useAuth } from '../../store/auth';
import { lastDays } from '../../utils/days';
import { instanceState, STATE_META } from '../../utils/instanceState';
import { pauseText, scheduleText } from '../../utils/schedule';
import { formatDate, todayIn } from '../../utils/time';
import { useRecentDays } from './useRecentDays';

/** A week on a desktop; on a phone five days, so the names keep room without sideways scrolling. */
const DAYS_WIDE = 7;
const DAYS_PHONE = 5;
const CELL = 40;

interface Open {
  anchor: HTMLElement;
  habit: Habit;
  date: string;
}

/**
 * Loop-style: one row per habit with its last days' marks, today at the right. A tap on a day
 * opens Done / Not done / Skip (excused) / Clear for it.
 */
export function HabitWeekList({ habits }: { habits: Habit[] }) {
  const phone = useMediaQuery(useTheme().breakpoints.down('sm'));
  const timeZone = useAuth((s) => s.user?.timezone) ?? 'UTC';
  const now = useNow();
  const today = todayIn(timeZone, new Date(now));
  const dates = lastDays(today, phone ? DAYS_PHONE : DAYS_WIDE);
  // Always load a full week, so that turning the phone does not load again.
  const { days, failed, setDay } = useRecentDays(habits, lastDays(today, DAYS_WIDE)[0], today);
  const { mark, busy } = useMarkDay((day, instance) => setDay(day.habitId, day.date, instance));
  const [open, setOpen] = useState<Open | null>(null);
  const columns = `minmax(0, 1fr) repeat(${dates.length}, ${CELL}px)`;

  const cell = (habit: Habit, date: string) => {
    // Until the days are in, no cell claims that nothing was recorded.
    if (days === null) return <Box key={date} aria-hidden sx={{ width: CELL, height: CELL }} />;
    const instance: Instance | undefined = days?.[habit.id]?.[date];
    const state = instance ? instanceState(instance, now) : null;
    const label = `${habit.name}, ${formatDate(date, { weekday: 'long', day: 'numeric', month: 'short' })}: ${state ? STATE_META[state].label : 'nothing recorded'}`;
    const beforeStart = date < habit.start_date;
    return (
      <Tooltip key={date} title={beforeStart ? 'Before the habit started' : label} disableInteractive>
        <span>
          <ButtonBase
            aria-label={label}
            disabled={beforeStart || busy({ habitId: habit.id, date })}
            onClick={(e) => setOpen({ anchor: e.currentTarget, habit, date })}
            sx={{ width: CELL, height: CELL, borderRadius: '50%', opacity: beforeStart ? 0.3 : 1, '&:hover': { bgcolor: 'action.hover' } }}
          >
            <DayMark state={state} />
          </ButtonBase>
        </span>
      </Tooltip>
    );
  };

  return (
    <Card>
      {failed && <Alert severity="warning">The recent days could not be loaded. Reload the page to try again.</Alert>}
      <Box role="table" aria-label="Last days of each habit">
        <Box role="row" sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'end', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography role="columnheader" variant="caption" color="text.secondary">Habit</Typography>
          {dates.map((date) => (
            <Box role="columnheader" key={date} sx={{ textAlign: 'center', lineHeight: 1.2 }} aria-label={formatDate(date, { weekday: 'long', day: 'numeric', month: 'long' })}>
              <Typography variant="caption" color="text.secondary" component="div">{formatDate(date, { weekday: 'short' })}</Typography>
              <Typography variant="caption" component="div" sx={{ fontWeight: date === today ? 700 : 400 }}>{formatDate(date, { day: 'numeric' })}</Typography>
            </Box>
          ))}
        </Box>
        {habits.map((habit) => (
          <Box role="row" key={habit.id} sx={{ display: 'grid', gridTemplateColumns: columns, alignItems: 'center', px: 2, py: 0.75, '&:not(:last-of-type)': { borderBottom: 1, borderColor: 'divider' } }}>
            <Box role="rowheader" sx={{ minWidth: 0, pr: 1 }}>
              <Link component={RouterLink} to={`/habits/${habit.id}`} color="text.primary" underline="hover" variant="subtitle2" noWrap sx={{ display: 'block' }}>
                {habit.name}
              </Link>
              <Typography variant="caption" color={pauseText(habit, today) ? 'info.main' : 'text.secondary'} noWrap component="div">
                {pauseText(habit, today) ?? scheduleText(habit)}
              </Typography>
            </Box>
            {dates.map((date) => (
              <Box role="cell" key={date} sx={{ display: 'flex', justifyContent: 'center' }}>{cell(habit, date)}</Box>
            ))}
          </Box>
        ))}
      </Box>
      {open && (
        <DayMarkMenu
          anchor={open.anchor}
          date={open.date}
          instance={days?.[open.habit.id]?.[open.date]}
          onClose={() => setOpen(null)}
          onPick={(choice) => void mark({ habitId: open.habit.id, date: open.date, instance: days?.[open.habit.id]?.[open.date] }, choice)}
        />
      )}
    </Card>
  );
}
