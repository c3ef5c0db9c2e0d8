import type { Habit } from '../../api';
import { daysBetween } from '../../utils/days';
import { formatDate } from '../../utils/time';

type Upcoming = Pick<Habit, 'id' | 'name' | 'time_of_day' | 'next_due_date'>;

/** The habits' next due days after today, soonest first (then by time of day); at most `limit`. */
export function comingNext<H extends Upcoming>(habits: H[], today: string, limit = 5): (H & { next_due_date: string })[] {
  return habits
    .filter((h): h is H & { next_due_date: string } => h.next_due_date != null && h.next_due_date > today)
    .sort((a, b) => a.next_due_date.localeCompare(b.next_due_date) || a.time_of_day.localeCompare(b.time_of_day))
    .slice(0, limit);
}

/** "today", "tomorrow", "on Wednesday" within the week, "on 14 Dec" after it. */
export function dayInWords(date: string, today: string): string {
  const ahead = daysBetween(today, date);
  if (ahead === 0) return 'today';
  if (ahead === 1) return 'tomorrow';
  if (ahead > 1 && ahead < 7) return `on ${formatDate(date, { weekday: 'long' })}`;
  return `on ${formatDate(date, { weekday: 'short', day: 'numeric', month: 'short' })}`;
}
