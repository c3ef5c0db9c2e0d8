// Names for the API's shapes. Every shape comes from schema.d.ts, which `npm run gen:api` generates
// from the backend's OpenAPI schema: nothing here restates a field the schema gives, except the one
// shape the schema declares as free JSON (a notification's payload).
import type { QueryOf } from './operations';
import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['UserOutput'];
export type Tokens = Schemas['TokenPair'];
export type AuthResponse = Schemas['AuthResult'];

export type Periodicity = Schemas['PeriodicityDaysEnum'];
export type Schedule = Schemas['ScheduleEnum'];
export type RepeatLimit = Schemas['RepeatLimitEnum'];
export type Habit = Schemas['HabitOutput'];
export type ArchiveFrequency = Schemas['ArchiveFrequencyEnum'];
export type DataArchive = Schemas['ArchiveOutput'];
export type HabitInput = Schemas['HabitInputRequest'];
export type HabitChanges = Schemas['PatchedHabitInputRequest'];
/** A shared habit as every user sees it: no links to the owner's other habits. */
export type PublicHabit = Schemas['PublicHabitOutput'];
export type HabitQuery = QueryOf<'/api/habits/', 'get'>;

export type InstanceStatus = Schemas['StatusEnum'];
export type Instance = Schemas['InstanceOutput'];
/** What a past day may be recorded as: done, not done (missed) or excused (skipped). */
export type DayStatus = Schemas['RecordedDayStatusEnum'];
export type InstanceQuery = QueryOf<'/api/habits/{habit_id}/instances/', 'get'>;

export type BindCode = Schemas['BindCodeOutput'];
export type NotificationKind = Schemas['KindEnum'];
export type NotificationSettingsInput = Schemas['NotificationSettingsInputRequest'];
export type NotificationSettings = Schemas['NotificationSettingsOutput'];
/** Check-in slots: local "HH:MM" times, daily / weekly (on `weekday`, 0 = Monday) / off. */
export type CheckinSchedule = Schemas['CheckinScheduleOutput'];
export type CheckinScheduleInput = Schemas['CheckinScheduleInputRequest'];

/** The one error shape of every failed call: `{"error": {"code", "message", "fields", "details"?}}`. */
export type ErrorBody = Schemas['Error'];

export type HabitStats = Schemas['HabitStatsOutput'];
export type OverviewStats = Schemas['StatsOverviewOutput'];
/** `is_active` is false once Telegram said the chat is blocked or gone. */
export type TelegramStatus = Schemas['TelegramStatusOutput'];

/**
 * What a notification's `payload` holds, by kind (docs/api.md). The schema declares the field as
 * free JSON, so this is the one shape written here by hand.
 */
export interface NotificationPayload {
  instance_id?: number;
  habit_id?: number;
  /** goal reminders (kind `reminder` too): the goal, and `actions: ['open_stages']` */
  goal_id?: number;
  /** `goal_ai_ready`: the AI breakdown job that ended (with `goal_id`, `actions: ['open_stages']`) */
  job_id?: number;
  /** `achievement_earned`: the achievement's code and tier */
  achievement?: string;
  tier?: string;
  actions?: ('done' | 'skip' | 'open_stages')[];
  date?: string;
  done?: number;
  total?: number;
}
export type Notification = Omit<Schemas['NotificationOutput'], 'payload'> & {
  readonly payload: NotificationPayload;
};
export type NotificationPage = Omit<Schemas['PaginatedNotificationOutputList'], 'results'> & {
  results: Notification[];
};

export type Goal = Schemas['GoalOutput'];
export type GoalInput = Schemas['GoalInputRequest'];
export type GoalChanges = Schemas['PatchedGoalInputRequest'];
export type GoalHabit = Schemas['GoalHabit'];
export type GoalStage = Schemas['GoalStageOutput'];
export type GoalStageInput = Schemas['GoalStageInputRequest'];
export type GoalStageChanges = Schemas['PatchedGoalStageInputRequest'];
export type GoalStageMark = Schemas['GoalStageMarkOutput'];
export type Attachment = Schemas['AttachmentOutput'];
export type JournalEntry = Schemas['JournalEntryOutput'];
export type JournalPhoto = Schemas['JournalPhotoOutput'];
export type JournalTag = Schemas['JournalTagOutput'];
export type AiJob = Schemas['AiBreakdownJobOutput'];
export type AiCapability = Schemas['AiCapabilityOutput'];
export type GoalReminder = Schemas['GoalReminderOutput'];
export type GoalReminderInput = Schemas['GoalReminderInputRequest'];
export type GoalStatusFilter = NonNullable<QueryOf<'/api/goals/', 'get'>['status']>;

export type CoinEntry = Schemas['CoinEntryOutput'];
export type WalletPage = Schemas['PaginatedCoinEntryOutputList'] & { balance: number };
export type Reward = Schemas['RewardOutput'];
export type RewardInput = Schemas['RewardInputRequest'];
export type RewardChanges = Schemas['PatchedRewardInputRequest'];
export type Redeemed = Schemas['RedeemOutput'];

export type Achievement = Schemas['AchievementOutput'];
export type AchievementCode = Schemas['AchievementCodeEnum'];
export type AchievementTier = Schemas['AchievementTierEnum'];
export type Post = Schemas['PostOutput'];
export type PostPage = Schemas['PostPage'];
export type Kudos = Schemas['KudosOutput'];
export type CommunitySettings = Schemas['CommunitySettings'];

/** The habits-mood report (docs/reports.md): answered at once for short or cached ranges. */
export type HabitsMoodReport = Schemas['HabitsMoodReport'];
export type ReportHabitMood = Schemas['ReportHabitMood'];
export type ReportWeek = Schemas['ReportWeek'];
/** A long report computed in the background: poll it until `status` is succeeded or failed. */
export type ReportJob = Schemas['ReportJobOutput'];
export type ReportSettings = Schemas['ReportSettings'];
export type WeeklySummary = Schemas['WeeklySummaryOutput'];
export type ImportJob = Schemas['ImportJobOutput'];
export type ExportJob = Schemas['ExportJobOutput'];
export type ImportSource = Schemas['SourceEnum'];
export type ExportFormat = Schemas['FormatEnum'];
/** ImportJob.report once the job has run (imports/services/writer.py). */
export interface ImportReport {
  created: { habits?: number; check_ins?: number; journal_entries?: number; journal_tags?: number };
  habits: { id: number; name: string; days: number }[];
  skipped: { item: string; reason: string }[];
  adjusted: { habit: string; from: string; to: string }[];
}
