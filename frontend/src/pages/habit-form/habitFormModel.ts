import type { FieldErrors, Habit, HabitInput, Periodicity, RepeatLimit, Schedule } from '../../api';
import { maxLengthsOf } from '../../api/limits';
import { findTemplate, timeBefore, type HabitTemplate } from '../../utils/templates';

export type RewardMode = 'reward' | 'pleasant';

export interface HabitFormValues {
  name: string;
  description: string;
  action: string;
  place: string;
  time_of_day: string; // HH:MM
  is_pleasant: boolean;
  reward_mode: RewardMode;
  reward_text: string;
  related_pleasant_habit: number | '';
  schedule: Schedule;
  periodicity_days: Periodicity;
  weekdays: number[];
  times_per_week: number;
  repeat_limit: RepeatLimit;
  grace_minutes: string;
  fix_minutes: string;
  extra_reminders: string[]; // local HH:MM, sorted
  start_date: string;
  is_public: boolean;
  is_active: boolean;
}

/** The form's fields, named as the API names them, so server errors land on the right control. */
export const HABIT_FIELDS = [
  'name',
  'description',
  'action',
  'place',
  'time_of_day',
  'is_pleasant',
  'reward_text',
  'related_pleasant_habit',
  'schedule',
  'periodicity_days',
  'weekdays',
  'times_per_week',
  'repeat_limit',
  'grace_minutes',
  'fix_minutes',
  'extra_reminders',
  'start_date',
  'is_public',
  'is_active',
] as const;

/** The API's length limits of the text fields, straight from its schema. */
export const HABIT_MAX_LENGTH = maxLengthsOf('HabitInputRequest');

export const PERIODICITY_VALUES: Periodicity[] = [1, 2, 3, 5, 7];
export const REPEAT_LIMIT_VALUES: RepeatLimit[] = [21, 30, 45];
export const MAX_TIMES_PER_WEEK = 6;
/** The API's limit of extra reminders per habit (habits.models.MAX_EXTRA_REMINDERS). */
export const MAX_EXTRA_REMINDERS = 3;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The server's rule for extra reminders: not at the habit's own time, and before its grace period ends
 * (any time of the day when the grace period runs past midnight). */
export function extraReminderError(v: HabitFormValues): string | undefined {
  if (!/^\d{2}:\d{2}$/.test(v.time_of_day) || !isWindow(v.grace_minutes)) return undefined;
  const start = minutesOf(v.time_of_day);
  const graceEnd = start + Number(v.grace_minutes);
  for (const time of v.extra_reminders) {
    if (minutesOf(time) === start) return `${time} is the habit's own time: it is reminded then already.`;
    if (graceEnd < 24 * 60 && minutesOf(time) >= graceEnd) return `${time} is after the grace period ends: choose an earlier time.`;
  }
  return undefined;
}

/** `days` with `day` switched on or off, sorted from Monday: the weekday chips' state. */
export function toggleWeekday(days: readonly number[], day: number): number[] {
  const next = days.includes(day) ? days.filter((d) => d !== day) : [...days, day];
  return next.sort((a, b) => a - b);
}

export function emptyValues(today: string): HabitFormValues {
  return {
    name: '',
    description: '',
    action: '',
    place: '',
    time_of_day: '08:00',
    is_pleasant: false,
    reward_mode: 'pleasant',
    reward_text: '',
    related_pleasant_habit: '',
    schedule: 'every_n_days',
    periodicity_days: 1,
    weekdays: [0, 2, 4],
    times_per_week: 3,
    repeat_limit: 21,
    grace_minutes: '60',
    fix_minutes: '120',
    extra_reminders: [],
    start_date: today,
    is_public: false,
    is_active: true,
  };
}

export function valuesFromHabit(h: Habit): HabitFormValues {
  return {
    name: h.name,
    description: h.description,
    action: h.action,
    place: h.place,
    time_of_day: h.time_of_day.slice(0, 5),
    is_pleasant: h.is_pleasant,
    reward_mode: h.related_pleasant_habit ? 'pleasant' : h.reward_text ? 'reward' : 'pleasant',
    reward_text: h.reward_text,
    related_pleasant_habit: h.related_pleasant_habit ?? '',
    schedule: h.schedule,
    periodicity_days: h.periodicity_days,
    // The other kinds' settings keep a sensible start, should the user switch to them.
    weekdays: h.schedule === 'weekdays' ? [...h.weekdays] : [0, 2, 4],
    times_per_week: h.times_per_week ?? 3,
    repeat_limit: h.repeat_limit,
    grace_minutes: String(h.grace_minutes),
    fix_minutes: String(h.fix_minutes),
    extra_reminders: [...h.extra_reminders],
    start_date: h.start_date,
    is_public: h.is_public,
    is_active: h.is_active,
  };
}

export function valuesFromTemplate(base: HabitFormValues, t: HabitTemplate): HabitFormValues {
  const v = t.values;
  return {
    ...base,
    name: v.name ?? base.name,
    action: v.action ?? base.action,
    place: v.place ?? base.place,
    time_of_day: v.time_of_day?.slice(0, 5) ?? base.time_of_day,
    is_pleasant: t.pleasant,
  };
}

/** What a new or edited habit's form starts from; a new one takes `?template=`, `?kind=` and `?related=`. */
export function initialValues(habit: Habit | null, params: URLSearchParams, today: string, pleasant: Habit[]): HabitFormValues {
  if (habit) return valuesFromHabit(habit);
  let values = emptyValues(today);
  const template = findTemplate(params.get('template'));
  if (template) values = valuesFromTemplate(values, template);
  if (params.get('kind')) values.is_pleasant = params.get('kind') === 'pleasant';
  const related = pleasant.find((h) => h.id === Number(params.get('related')));
  if (related) {
    values.related_pleasant_habit = related.id;
    // The treat comes right after the habit it rewards, as the first-run guide says.
    values.time_of_day = timeBefore(related.time_of_day);
  }
  return values;
}

/** What is sent to the API: the reward fields the chosen kind does not use are cleared. */
export function toInput(v: HabitFormValues): HabitInput {
  const useReward = !v.is_pleasant && v.reward_mode === 'reward';
  const usePleasant = !v.is_pleasant && v.reward_mode === 'pleasant';
  return {
    name: v.name.trim(),
    description: v.description.trim(),
    action: v.action.trim(),
    place: v.place.trim(),
    time_of_day: `${v.time_of_day}:00`,
    is_pleasant: v.is_pleasant,
    reward_text: useReward ? v.reward_text.trim() : '',
    related_pleasant_habit: usePleasant && v.related_pleasant_habit !== '' ? v.related_pleasant_habit : null,
    schedule: v.schedule,
    periodicity_days: v.periodicity_days,
    // Each kind reads only its own setting; the others are sent empty.
    weekdays: v.schedule === 'weekdays' ? v.weekdays : [],
    times_per_week: v.schedule === 'times_per_week' ? v.times_per_week : null,
    repeat_limit: v.repeat_limit,
    grace_minutes: Number(v.grace_minutes),
    fix_minutes: Number(v.fix_minutes),
    extra_reminders: v.extra_reminders,
    start_date: v.start_date,
    is_public: v.is_public,
    is_active: v.is_active,
  };
}

/** The server's limit: a window longer than a day would overlap the next one. */
export const MAX_WINDOW_MINUTES = 24 * 60;
const isWindow = (s: string) => /^\d+$/.test(s.trim()) && Number(s) <= MAX_WINDOW_MINUTES;

/** The server's rules, checked before sending so most mistakes show at once. */
export function validate(v: HabitFormValues, selfId?: number): FieldErrors {
  const e: FieldErrors = {};
  if (!v.name.trim()) e.name = 'Give the habit a short name.';
  if (!v.action.trim()) e.action = 'Say what you will do.';
  if (!v.place.trim()) e.place = 'Say where you will do it.';
  if (!/^\d{2}:\d{2}$/.test(v.time_of_day)) e.time_of_day = 'Pick a time of day.';
  if (v.schedule === 'every_n_days' && !PERIODICITY_VALUES.includes(v.periodicity_days)) e.periodicity_days = 'Choose 1, 2, 3, 5 or 7 days.';
  if (v.schedule === 'weekdays' && v.weekdays.length === 0) e.weekdays = 'Pick at least one day of the week.';
  if (v.schedule === 'times_per_week' && !(v.times_per_week >= 1 && v.times_per_week <= MAX_TIMES_PER_WEEK)) {
    e.times_per_week = `From 1 to ${MAX_TIMES_PER_WEEK} times; every day is “Every day”.`;
  }
  if (!REPEAT_LIMIT_VALUES.includes(v.repeat_limit)) e.repeat_limit = 'Choose 21, 30 or 45 repetitions.';
  if (!isWindow(v.grace_minutes)) e.grace_minutes = `Whole minutes, from 0 to ${MAX_WINDOW_MINUTES}.`;
  if (!isWindow(v.fix_minutes)) e.fix_minutes = `Whole minutes, from 0 to ${MAX_WINDOW_MINUTES}.`;
  const extra = extraReminderError(v);
  if (extra) e.extra_reminders = extra;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.start_date)) e.start_date = 'Pick a start date.';
  if (!v.is_pleasant) {
    if (v.reward_mode === 'reward' && !v.reward_text.trim()) {
      e.reward_text = 'Name the reward you will give yourself.';
    }
    if (v.reward_mode === 'pleasant') {
      if (v.related_pleasant_habit === '') e.related_pleasant_habit = 'Choose the pleasant habit that follows this one.';
      else if (v.related_pleasant_habit === selfId) e.related_pleasant_habit = 'A habit cannot reward itself.';
    }
  }
  return e;
}
