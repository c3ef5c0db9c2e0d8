import { Box, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import type { HabitStats, InstanceStatus } from '../../api';
import { STATUS_META } from '../../utils/habitText';
import { formatDate } from '../../utils/time';

const CELL = 12;
const GAP = 3;
const EMPTY = '#ebe8df';
const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/** Monday-based weekday of a `YYYY-MM-DD` date. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** A year of days as columns of weeks, GitHub style; each cell is coloured by that day's status. */
export function CalendarHeatmap({ calendar }: { calendar: HabitStats['calendar'] }) {
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen the recent weeks matter most: start scrolled to the end.
  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [calendar]);
  if (calendar.length === 0) return null;
  const offset = weekday(calendar[0].date);
  const weeks = Math.ceil((calendar.length + offset) / 7);
  const left = 28;
  const top = 16;
  const width = left + weeks * (CELL + GAP);
  const height = top + 7 * (CELL + GAP);
  const months: { x: number; label: string }[] = [];
  calendar.forEach((day, i) => {
    if (day.date.endsWith('-01')) {
      months.push({ x: left + Math.floor((i + offset) / 7) * (CELL + GAP), label: formatDate(day.date, { month: 'short' }) });
    }
  });
  const legend: InstanceStatus[] = ['completed', 'completed_late', 'missed', 'fix_expired', 'pending'];

  return (
    <Box>
      <Box ref={scroller} sx={{ overflowX: 'auto', pb: 1 }} tabIndex={0} role="region" aria-label="Calendar of the last 365 days">
        <svg width={width} height={height} role="img" aria-label="Daily status over the last year">
          {months.map((m) => (
            <text key={m.x} x={m.x} y={10} fontSize={10} fill="#5b6764">
              {m.label}
            </text>
          ))}
          {WEEKDAY_LABELS.map((label, i) =>
            label ? (
              <text key={label} x={0} y={top + i * (CELL + GAP) + CELL - 2} fontSize={10} fill="#5b6764">
                {label}
              </text>
            ) : null,
          )}
          {calendar.map((day, i) => {
            const col = Math.floor((i + offset) / 7);
            const row = (i + offset) % 7;
            const fill = day.status ? STATUS_META[day.status].color : EMPTY;
            const label = `${formatDate(day.date)}: ${day.status ? STATUS_META[day.status].label : 'not due'}`;
            return (
              <rect key={day.date} x={left + col * (CELL + GAP)} y={top + row * (CELL + GAP)} width={CELL} height={CELL} rx={3} fill={fill}>
                <title>{label}</title>
              </rect>
            );
          })}
        </svg>
      </Box>
      <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" sx={{ mt: 1 }}>
        {legend.map((s) => (
          <Stack key={s} direction="row" spacing={0.75} alignItems="center">
            <Box sx={{ width: 12, height: 12, borderRadius: 0.75, bgcolor: STATUS_META[s].color }} />
            <Typography variant="caption" color="text.secondary">
              {STATUS_META[s].label}
            </Typography>
          </Stack>
        ))}
        <Stack direction="row" spacing={0.75} alignItems="center">
          <Box sx={{ width: 12, height: 12, borderRadius: 0.75, bgcolor: EMPTY }} />
          <Typography variant="caption" color="text.secondary">Not due</Typography>
        </Stack>
      </Stack>
    </Box>
  );
}
