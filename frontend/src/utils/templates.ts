import type { HabitInput } from '../api';

/** Starting points offered to a new user; the form opens pre-filled and everything stays editable. */
export interface HabitTemplate {
  id: string;
  title: string;
  pleasant: boolean;
  /** For a useful habit: the pleasant template it leads into, which comes right after it. */
  before?: string;
  values: Partial<HabitInput>;
}

// Temptation bundling puts the habit you need first and the treat right after it, so each useful
// template is timed a little before the pleasant one it names.
export const TEMPLATES: HabitTemplate[] = [
  { id: 'coffee', title: 'A cup of good coffee', pleasant: true, values: { name: 'Morning coffee', action: 'enjoy a cup of good coffee', place: 'kitchen', time_of_day: '08:00:00' } },
  { id: 'music', title: 'A favourite song', pleasant: true, values: { name: 'Favourite song', action: 'listen to a favourite song', place: 'living room', time_of_day: '19:00:00' } },
  { id: 'read', title: 'Read 10 pages', pleasant: false, before: 'coffee', values: { name: 'Read', action: 'read 10 pages', place: 'armchair', time_of_day: '07:45:00' } },
  { id: 'walk', title: 'A 15-minute walk', pleasant: false, before: 'music', values: { name: 'Walk', action: 'walk for 15 minutes', place: 'around the block', time_of_day: '18:30:00' } },
  { id: 'stretch', title: 'Stretch for 5 minutes', pleasant: false, before: 'coffee', values: { name: 'Stretch', action: 'stretch for 5 minutes', place: 'bedroom', time_of_day: '07:30:00' } },
];

export function findTemplate(id: string | null): HabitTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

/** How long before the treat a useful habit is placed when it is paired with one. */
export const LEAD_MINUTES = 15;

/**
 * The `HH:MM` a useful habit gets when it is paired with a pleasant habit at `pleasantTime`:
 * LEAD_MINUTES earlier, so the treat follows it; never before midnight of the same day.
 */
export function timeBefore(pleasantTime: string, minutes = LEAD_MINUTES): string {
  const [h, m] = pleasantTime.split(':').map(Number);
  const total = Math.max(0, h * 60 + m - minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
