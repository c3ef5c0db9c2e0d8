import { Box, Stack, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { HabitStats, InstanceStatus } from '../../api';
import { STATUS_META } from '../../utils/habitText';
import { formatDate } from '../../utils/time';

const CELL = 12;
const GAP = 3;
const STEP = CELL + GAP;
const TOP = 16;
const LABEL_FONT = 10;
/** Room a month label ("Sep") needs to the right of its column. */
const MONTH_LABEL_WIDTH = 24;
const WEEKDAY_LABELS = ['Mon', '', 'Wed', '', 'Fri', '', ''];

/** Monday-based weekday of a `YYYY-MM-DD` date. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/**
 * How wide the weeks' drawing is: the columns, room for a month label that starts in one of the
 * last columns, and, when it scrolls, padding so that the part hidden on the left is a whole
 * number of columns — scrolled to the most recent week, no column is cut in half.
 */
export function gridWidth(weeks: number, lastMonthX: number, viewport: number): number {
  const drawn = Math.max(weeks * STEP - GAP, lastMonthX + MONTH_LABEL_WIDTH);
  const hidden = drawn - viewport;
  if (viewport <= 0 || hidden <= 0) return drawn;
  return drawn + ((STEP - (hidden % STEP)) % STEP);
}

/** A recordable day's cell as a button: click, Enter or Space opens its menu. */
function pickProps(title: string, pick: (anchor: Element) => void) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-label': `${title}. Record this day`,
    style: { cursor: 'pointer' },
    onClick: (e: MouseEvent<SVGRectElement>) => pick(e.currentTarget),
    onKeyDown: (e: KeyboardEvent<SVGRectElement>) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      pick(e.currentTarget);
    },
  };
}

interface Props {
  calendar: HabitStats['calendar'];
  /** Whether a day can be recorded (a recent past day); those cells are buttons calling `onPick`. */
  canPick?: (date: string) => boolean;
  onPick?: (date: string, anchor: Element) => void;
}

/** A year of days as columns of weeks, GitHub style; each cell is coloured by that day's status. */
export function CalendarHeatmap({ calendar, canPick, onPick }: Props) {
  const { palette } = useTheme();
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(0);
  const [scrolled, setScrolled] = useState(0);
  const hasDays = calendar.length > 0;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientWidth);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasDays]);

  const offset = calendar.length ? weekday(calendar[0].date) : 0;
  const weeks = Math.ceil((calendar.length + offset) / 7);
  const months: { x: number; label: string }[] = [];
  calendar.forEach((day, i) => {
    if (day.date.endsWith('-01')) {
      months.push({ x: Math.floor((i + offset) / 7) * STEP, label: formatDate(day.date, { month: 'short' }) });
    }
  });
  const width = gridWidth(weeks, months.at(-1)?.x ?? 0, viewport);
  const height = TOP + 7 * STEP;

  // On a narrow screen the recent weeks matter most: start scrolled to the end.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [calendar, width]);

  if (!hasDays) return null;
  const empty = palette.background.subtle;
  const label = { fontSize: LABEL_FONT, fill: palette.text.secondary };
  const legend: InstanceStatus[] = ['completed', 'completed_late', 'skipped', 'missed', 'fix_expired', 'pending'];

  return (
    <Box>
      <Box sx={{ display: 'flex' }}>
        {/* The weekday names stay put while the weeks scroll. */}
        <svg width={28} height={height} aria-hidden="true" style={{ flexShrink: 0 }}>
          {WEEKDAY_LABELS.map((day, i) =>
            day ? (
              <text key={day} x={0} y={TOP + i * STEP + CELL - 2} style={label}>
                {day}
              </text>
            ) : null,
          )}
        </svg>
        <Box ref={scroller} onScroll={(e) => setScrolled(e.currentTarget.scrollLeft)} sx={{ overflowX: 'auto', pb: 1, minWidth: 0 }} tabIndex={0} role="region" aria-label="Calendar of the last 365 days">
          <svg width={width} height={height} role="img" aria-label="Daily status over the last year" style={{ display: 'block' }}>
            {/* A label whose start is scrolled out of sight would show cut: it waits until it fits. */}
            {months
              .filter((m) => m.x >= scrolled || m.x + MONTH_LABEL_WIDTH <= scrolled)
              .map((m) => (
                <text key={m.x} x={m.x} y={10} style={label}>
                  {m.label}
                </text>
              ))}
            {calendar.map((day, i) => {
              const col = Math.floor((i + offset) / 7);
              const row = (i + offset) % 7;
              const fill = day.status ? STATUS_META[day.status].color : empty;
              const title = `${formatDate(day.date)}: ${day.status ? STATUS_META[day.status].label : 'not due'}${day.recorded_late ? ' (recorded later)' : ''}`;
              const pickable = onPick && canPick?.(day.date);
              const pick = pickable ? pickProps(title, (anchor) => onPick(day.date, anchor)) : {};
              return (
                <rect key={day.date} x={col * STEP} y={TOP + row * STEP} width={CELL} height={CELL} rx={3} fill={fill} stroke={pickable ? palette.text.secondary : undefined} strokeOpacity={0.5} strokeWidth={pickable ? 1 : 0} {...pick}>
                  <title>{title}</title>
                </rect>
              );
            })}
          </svg>
        </Box>
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
          <Box sx={{ width: 12, height: 12, borderRadius: 0.75, bgcolor: 'background.subtle' }} />
          <Typography variant="caption" color="text.secondary">Not due</Typography>
        </Stack>
      </Stack>
      {onPick && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          Forgot to mark a day? Click one of the outlined days of the last week to record it.
        </Typography>
      )}
    </Box>
  );
}
