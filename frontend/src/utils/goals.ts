// Goal wording and list helpers, kept out of the components so they can be tested alone.
import type { Goal } from '../api';

/** "2 of 3 stages · 66 %", or what a goal without stages shows. */
export function progressText(goal: Pick<Goal, 'progress' | 'stages_count' | 'completed_stages_count' | 'is_completed'>): string {
  if (goal.stages_count === 0) return goal.is_completed ? 'Completed' : 'No stages yet';
  return `${goal.completed_stages_count} of ${goal.stages_count} stages · ${goal.progress} %`;
}

/** The bar's value: the server's floor percentage, held inside 0–100. */
export function progressValue(progress: number): number {
  return Math.min(100, Math.max(0, Math.floor(progress)));
}

/**
 * `items` with the one at `index` moved by `delta` places (−1 up, +1 down); the same array when
 * the move would leave the list, so a caller can tell nothing changed.
 */
export function moveItem<T>(items: readonly T[], index: number, delta: number): readonly T[] {
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length || delta === 0) return items;
  const next = [...items];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved);
  return next;
}

/** "Due 1 Oct 2026", "Due today", "1 day overdue" — for a goal's `YYYY-MM-DD` deadline. */
export function deadlineText(deadline: string | null, today: string): string | null {
  if (!deadline) return null;
  const days = Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000);
  if (days === 0) return 'Due today';
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} overdue`;
  const date = new Date(`${deadline}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `Due ${date}`;
}

export type GoalTab = 'open' | 'completed' | 'archived';

export interface GoalFormValues {
  title: string;
  description: string;
  deadline: string;
  habits: number[];
}

export const emptyGoal: GoalFormValues = { title: '', description: '', deadline: '', habits: [] };

export function goalToForm(goal: Goal): GoalFormValues {
  return {
    title: goal.title,
    description: goal.description,
    deadline: goal.deadline ?? '',
    habits: goal.habits.map((h) => h.id),
  };
}

/** The form's own checks before sending: the server checks the same and more. */
export function goalFormErrors(values: GoalFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'Give the goal a title.';
  if (values.deadline && !/^\d{4}-\d{2}-\d{2}$/.test(values.deadline)) errors.deadline = 'Pick a date.';
  return errors;
}

/** What the API takes from the form: a blank deadline is none. */
export function goalFormBody(values: GoalFormValues) {
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    deadline: values.deadline || null,
    habits: values.habits,
  };
}

/** A file the attachments section shows as an image (a preview) rather than a document icon. */
export function isImage(contentType: string): boolean {
  return contentType.startsWith('image/');
}

export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
