import type { HabitInput } from '../api';

/** Starting points offered to a new user; the form opens pre-filled and everything stays editable. */
export interface HabitTemplate {
  id: string;
  title: string;
  pleasant: boolean;
  values: Partial<HabitInput>;
}

export const TEMPLATES: HabitTemplate[] = [
  { id: 'coffee', title: 'A cup of good coffee', pleasant: true, values: { name: 'Morning coffee', action: 'enjoy a cup of good coffee', place: 'kitchen', time_of_day: '07:30:00' } },
  { id: 'music', title: 'A favourite song', pleasant: true, values: { name: 'Favourite song', action: 'listen to a favourite song', place: 'living room', time_of_day: '19:00:00' } },
  { id: 'read', title: 'Read 10 pages', pleasant: false, values: { name: 'Read', action: 'read 10 pages', place: 'armchair', time_of_day: '07:45:00' } },
  { id: 'walk', title: 'A 15-minute walk', pleasant: false, values: { name: 'Walk', action: 'walk for 15 minutes', place: 'around the block', time_of_day: '18:30:00' } },
  { id: 'stretch', title: 'Stretch for 5 minutes', pleasant: false, values: { name: 'Stretch', action: 'stretch for 5 minutes', place: 'bedroom', time_of_day: '07:15:00' } },
];

export function findTemplate(id: string | null): HabitTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}
