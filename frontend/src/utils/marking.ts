// Marking a day of a habit, the one place that picks the endpoint. An instance whose fix window
// is open goes through its own actions (complete / fail / skip; a mark on it is taken back with
// undo first); any other day through the days endpoint (PUT a status; DELETE clears a day that
// was recorded afterwards), which refuses today, future days and days further back than allowed.
import { habitsApi, instancesApi, type DayStatus, type Instance } from '../api';
import { instanceState, isOpen } from './instanceState';

export type Mark = DayStatus;
export type Choice = Mark | 'clear';

/** One habit's day: its instance, when there is one. */
export interface Day {
  habitId: number;
  date: string;
  instance: Instance | undefined;
}

/** What a mark left: the day's instance (null once cleared) and how to take the mark back. */
export interface Marked {
  instance: Instance | null;
  undo: () => Promise<Instance | null>;
}

export const MARK_TEXT: Record<Choice, { label: string; help?: string }> = {
  completed: { label: 'Done' },
  missed: { label: 'Not done', help: 'I did not do it: the day counts as missed.' },
  skipped: {
    label: 'Skip (excused)',
    help: 'The day did not apply (ill, travelling): it does not break the streak. Only a few per week.',
  },
  clear: { label: 'Clear', help: 'Forget what was recorded for this day.' },
};

const FINAL_MARKS: readonly string[] = ['completed', 'completed_late', 'missed', 'skipped'] satisfies Instance['status'][];

/** The mark that puts a final instance back as it was (`completed_late` is recorded as done). */
function markOf(instance: Instance | undefined): Mark | null {
  if (!instance || !FINAL_MARKS.includes(instance.status)) return null;
  return instance.status === 'completed_late' ? 'completed' : (instance.status as Mark);
}

/** The instance's own actions apply: open, or marked by hand and still inside its fix window. */
function live(instance: Instance | undefined, now: number): 'open' | 'marked' | null {
  if (!instance) return null;
  if (isOpen(instanceState(instance, now))) return 'open';
  const marked = markOf(instance) !== null && !instance.recorded_late && now <= Date.parse(instance.fix_deadline);
  return marked ? 'marked' : null;
}

/** A mark made by hand whose fix window is still open: Undo still applies. */
export function isUndoable(instance: Instance, now: number): boolean {
  return live(instance, now) === 'marked';
}

/** Puts a day back the way `before` had it, through the days endpoint. */
async function restore(day: Day): Promise<Instance | null> {
  const before = markOf(day.instance);
  if (before) return habitsApi.recordDay(day.habitId, day.date, before);
  await habitsApi.clearDay(day.habitId, day.date);
  return null;
}

const INSTANCE_ACTIONS: Record<Mark, (id: number) => Promise<Instance>> = {
  completed: instancesApi.complete,
  missed: instancesApi.fail,
  skipped: instancesApi.skip,
};

/** Takes an instance's mark back, then gives it `mark` (none: left open). */
async function remark(id: number, mark: Mark | null): Promise<Instance> {
  const open = await instancesApi.undo(id);
  return mark ? INSTANCE_ACTIONS[mark](id) : open;
}

export async function markDay(day: Day, choice: Choice, now: number): Promise<Marked> {
  const { instance } = day;
  const next = choice === 'clear' ? null : choice;
  switch (live(instance, now)) {
    case 'open': {
      if (!next) return { instance: instance ?? null, undo: async () => instance ?? null };
      const marked = await INSTANCE_ACTIONS[next](instance!.id);
      return { instance: marked, undo: () => instancesApi.undo(marked.id) };
    }
    case 'marked': {
      const before = markOf(instance);
      if (next === before) return { instance: instance!, undo: async () => instance! };
      const marked = await remark(instance!.id, next);
      return { instance: marked, undo: () => remark(marked.id, before) };
    }
    default: {
      if (!next) {
        await habitsApi.clearDay(day.habitId, day.date);
        return { instance: null, undo: () => restore(day) };
      }
      const recorded = await habitsApi.recordDay(day.habitId, day.date, next);
      return { instance: recorded, undo: () => restore(day) };
    }
  }
}

/** What to say after a mark. */
export function markedMessage(choice: Choice, instance: Instance | null): string {
  switch (choice) {
    case 'completed': {
      const streak = instance?.habit.current_streak ?? 0;
      return streak > 1 ? `Done! ${streak} in a row — keep it going.` : 'Done! Every repetition is a vote for who you want to become.';
    }
    case 'missed':
      return 'Marked not done. Never miss twice — tomorrow is a fresh start.';
    case 'skipped':
      return 'Skipped, excused: your streak is safe.';
    case 'clear':
      return 'The mark is taken back.';
  }
}
