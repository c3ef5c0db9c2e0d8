// Names for the API's shapes. Every shape comes from schema.d.ts, which `npm run gen:api` generates
// from the backend's OpenAPI schema: nothing here restates a field the schema gives. The few places
// where the schema says less than the server sends are corrected at the end, each one named.
import type { QueryOf } from './operations';
import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['UserOutput'];
export type Tokens = Schemas['TokenPair'];
export type AuthResponse = Schemas['AuthResult'];

export type Periodicity = Schemas['PeriodicityDaysEnum'];
export type RepeatLimit = Schemas['RepeatLimitEnum'];
export type Habit = Schemas['HabitOutput'];
export type HabitInput = Schemas['HabitInputRequest'];
export type HabitChanges = Schemas['PatchedHabitInputRequest'];
/** A shared habit as every user sees it: no links to the owner's other habits. */
export type PublicHabit = Schemas['PublicHabitOutput'];
export type HabitQuery = QueryOf<'/api/habits/', 'get'>;

export type InstanceStatus = Schemas['StatusEnum'];
export type Instance = Schemas['InstanceOutput'];
export type InstanceQuery = QueryOf<'/api/habits/{habit_id}/instances/', 'get'>;

export type BindCode = Schemas['BindCodeOutput'];
export type NotificationKind = Schemas['KindEnum'];
export type NotificationSettingsInput = Schemas['NotificationSettingsInputRequest'];
export type NotificationSettings = Schemas['NotificationSettingsOutput'];

/** The one error shape of every failed call: `{"error": {"code", "message", "fields", "details"?}}`. */
export type ErrorBody = Schemas['Error'];

// --- Where the schema says less than the server sends ---------------------------------------------
// A few of the backend's response serializers lack `allow_null=True` or `required=True`. Each fix
// below only accepts fields the schema still gets wrong: once the backend's schema says it, `tsc`
// fails on that line and the fix can simply be deleted.

/** Keys of T whose type leaves out null. */
type NonNullKeys<T> = { [K in keyof T]-?: null extends T[K] ? never : K }[keyof T];
/** Keys of T that are optional. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** The server may send null for these. */
type MayBeNull<T, K extends NonNullKeys<T>> = Omit<T, K> & { [P in K]: T[P] | null };
/** The server always sends these. */
type AlwaysSent<T, K extends OptionalKeys<T>> = Omit<T, K> & Required<Pick<T, K>>;

/** A rate is null when nothing was finished yet. */
type Weekday = MayBeNull<Schemas['Weekday'], 'success_rate'>;
/** `status` is an instance status, or null on a day the habit was not due (schema: any string). */
type CalendarDay = Omit<Schemas['CalendarDay'], 'status'> & { status: InstanceStatus | null };
export type HabitStats = Omit<MayBeNull<Schemas['HabitStatsOutput'], 'success_rate'>, 'weekdays' | 'calendar'> & {
  weekdays: Weekday[];
  calendar: CalendarDay[];
};
export type OverviewStats = MayBeNull<Schemas['StatsOverviewOutput'], 'completion_rate_7d' | 'completion_rate_30d'>;

/** `is_active` is false once Telegram said the chat is blocked or gone. */
export type TelegramStatus = MayBeNull<Schemas['TelegramStatusOutput'], 'bot_name' | 'telegram_username'>;

/**
 * What a notification's `payload` holds, by kind (docs/api.md). The schema declares the field as
 * free JSON, so this is the one shape written here by hand.
 */
export interface NotificationPayload {
  instance_id?: number;
  habit_id?: number;
  actions?: ('done' | 'skip')[];
  date?: string;
  done?: number;
  total?: number;
}
export type Notification = Omit<AlwaysSent<Schemas['NotificationOutput'], 'body' | 'read_at'>, 'payload'> & {
  payload: NotificationPayload;
};
export type NotificationPage = Omit<AlwaysSent<Schemas['PaginatedNotificationOutputList'], 'unread_count'>, 'results'> & {
  results: Notification[];
};
