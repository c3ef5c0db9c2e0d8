// Shapes of the REST API, as documented in docs/api.md.

export interface User {
  id: number;
  email: string;
  name: string;
  timezone: string;
  date_joined: string;
}

export interface Tokens {
  access: string;
  refresh: string;
}

export interface AuthResponse extends Tokens {
  user: User;
}

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

export type Periodicity = 1 | 2 | 3 | 5 | 7;
export type RepeatLimit = 21 | 30 | 45;

export interface Habit {
  id: number;
  name: string;
  description: string;
  action: string;
  place: string;
  time_of_day: string;
  is_pleasant: boolean;
  reward_text: string;
  related_pleasant_habit: number | null;
  related_pleasant_habit_name: string | null;
  periodicity_days: Periodicity;
  repeat_limit: RepeatLimit;
  grace_minutes: number;
  fix_minutes: number;
  is_public: boolean;
  is_active: boolean;
  start_date: string;
  created_at: string;
  updated_at: string;
}

export type HabitInput = Omit<
  Habit,
  'id' | 'related_pleasant_habit_name' | 'created_at' | 'updated_at'
>;

/** A shared habit as every user sees it: no links to the owner's other habits. */
export type PublicHabit = Pick<
  Habit,
  | 'id'
  | 'name'
  | 'description'
  | 'action'
  | 'place'
  | 'time_of_day'
  | 'is_pleasant'
  | 'reward_text'
  | 'periodicity_days'
  | 'repeat_limit'
  | 'grace_minutes'
  | 'fix_minutes'
  | 'created_at'
> & { owner_name: string };

export type InstanceStatus =
  | 'scheduled'
  | 'pending'
  | 'completed'
  | 'completed_late'
  | 'missed'
  | 'fix_expired';

export interface InstanceHabit {
  id: number;
  name: string;
  action: string;
  place: string;
  time_of_day: string;
  is_pleasant: boolean;
  reward_text: string;
  related_pleasant_habit_name: string | null;
  current_streak: number;
}

export interface Instance {
  id: number;
  date: string;
  status: InstanceStatus;
  scheduled_at: string;
  grace_deadline: string;
  fix_deadline: string;
  completed_at: string | null;
  habit: InstanceHabit;
}

export interface HabitStats {
  habit_id: number;
  current_streak: number;
  max_streak: number;
  counts: Record<InstanceStatus, number>;
  success_rate: number | null;
  weekdays: { weekday: number; name: string; due: number; completed: number; success_rate: number | null }[];
  progress: { completions: number; repeat_limit: number; percent: number; formed: boolean };
  strength: { score: number; history: { date: string; score: number }[] };
  calendar: { date: string; status: InstanceStatus | null }[];
}

export interface OverviewStats {
  today: { done: number; total: number };
  completion_rate_7d: number | null;
  completion_rate_30d: number | null;
  best_streaks: { habit_id: number; name: string; current_streak: number }[];
  strongest: { habit_id: number; name: string; score: number }[];
  weakest: { habit_id: number; name: string; score: number }[];
}

export interface TelegramStatus {
  enabled: boolean;
  bot_name: string | null;
  is_bound: boolean;
  /** False once Telegram said the chat is blocked or gone. */
  is_active: boolean;
  telegram_username: string | null;
  bound_at: string | null;
}

export interface BindCode {
  code: string;
  expires_at: string;
  deep_link: string;
}

export type NotificationKind = 'reminder' | 'nudge' | 'habit_formed' | 'digest';

export interface NotificationPayload {
  instance_id?: number;
  habit_id?: number;
  actions?: ('done' | 'skip')[];
  date?: string;
  done?: number;
  total?: number;
}

export interface Notification {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  payload: NotificationPayload;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPage extends Page<Notification> {
  unread_count: number;
}

export interface NotificationSettingsInput {
  telegram_enabled: boolean;
  email_enabled: boolean;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
  digest_time: string | null;
}

export interface NotificationSettings extends NotificationSettingsInput {
  /** Whether the server has the channel configured at all. */
  telegram_available: boolean;
  email_available: boolean;
}
