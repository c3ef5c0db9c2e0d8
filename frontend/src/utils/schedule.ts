// A habit's schedule in words: the one formatter the cards, the list and the detail page use.
import type { Habit } from '../api';
import { formatDate } from './time';

export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

type Scheduled = Pick<Habit, 'schedule' | 'periodicity_days' | 'weekdays' | 'times_per_week'>;

/** "Mon, Wed and Fri". */
function listOf(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function everyNDaysText(days: number): string {
  if (days === 1) return 'Every day';
  if (days === 7) return 'Once a week';
  return `Every ${days} days`;
}

export function weekdaysText(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  const key = days.join('');
  if (key === '0123456') return 'Every day';
  if (key === '01234') return 'On weekdays';
  if (key === '56') return 'On weekends';
  return `Every ${listOf(days.map((d) => WEEKDAY_SHORT[d]))}`;
}

export function timesPerWeekText(times: number): string {
  if (times === 1) return 'Once a week, any day';
  if (times === 2) return 'Twice a week';
  return `${times} times a week`;
}

export function scheduleText(habit: Scheduled): string {
  switch (habit.schedule) {
    case 'weekdays':
      return weekdaysText(habit.weekdays ?? []);
    case 'times_per_week':
      return timesPerWeekText(habit.times_per_week ?? 1);
    default:
      return everyNDaysText(habit.periodicity_days);
  }
}

type Pausable = Pick<Habit, 'paused_from' | 'paused_until'>;

/** "Paused until 12 Dec", "Paused", "Pause from 20 Dec to 3 Jan"; null with no pause ahead or now. */
export function pauseText(habit: Pausable, today: string): string | null {
  const { paused_from: from, paused_until: until } = habit;
  if (!from || (until && until < today)) return null;
  const day = (d: string) => formatDate(d, { day: 'numeric', month: 'short' });
  if (from > today) return until ? `Pause from ${day(from)} to ${day(until)}` : `Pause from ${day(from)}`;
  return until ? `Paused until ${day(until)}` : 'Paused';
}
