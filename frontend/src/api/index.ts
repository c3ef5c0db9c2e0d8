// The API client: one function per endpoint, each typed by the generated schema through `api`.
import { http } from './client';
import type { BodyOf, QueryOf } from './operations';
import { api, urlFor } from './request';
import type {
  AchievementCode,
  ArchiveFrequency,
  DayStatus,
  Attachment,
  JournalPhoto,
  GoalChanges,
  GoalInput,
  GoalReminderInput,
  GoalStageChanges,
  GoalStageInput,
  GoalStatusFilter,
  HabitChanges,
  HabitInput,
  HabitQuery,
  InstanceQuery,
  Notification,
  NotificationPage,
  NotificationSettingsInput,
  RewardChanges,
  RewardInput,
  WalletPage,
  CheckinScheduleInput,
  CommunitySettings,
  ExportFormat,
  ImportJob,
  ImportSource,
  Post,
  HabitsMoodReport,
  ReportJob,
} from './types';

export { ApiError, splitErrors, toApiError, type FieldErrors } from './errors';
export { connectTokenKeeper, http, type TokenKeeper } from './client';
export type * from './types';

/**
 * Zone names are checked by the server (a 400 on `timezone`), against its own zone list, which is
 * not the browser's: the client sends whatever name it has instead of the schema's enum of names.
 */
type WithAnyZone<T extends { timezone?: unknown }> = Omit<T, 'timezone'> & { timezone?: string };
type SignUp = WithAnyZone<BodyOf<'/api/auth/register/', 'post'>>;
type ProfileChanges = WithAnyZone<BodyOf<'/api/auth/me/', 'patch'>>;

export const authApi = {
  register: (body: SignUp) => api.post('/api/auth/register/', { body: body as BodyOf<'/api/auth/register/', 'post'> }),
  login: (body: BodyOf<'/api/auth/login/', 'post'>) => api.post('/api/auth/login/', { body }),
  /** Ends this session; with `everywhere`, every session of the account (every device). */
  logout: (refresh: string, everywhere = false) => api.post('/api/auth/logout/', { body: { refresh, everywhere } }),
  me: () => api.get('/api/auth/me/'),
  updateMe: (body: ProfileChanges) => api.patch('/api/auth/me/', { body: body as BodyOf<'/api/auth/me/', 'patch'> }),
  forgotPassword: (email: string) => api.post('/api/auth/forgot-password/', { body: { email } }),
  resetPassword: (body: BodyOf<'/api/auth/reset-password/', 'post'>) => api.post('/api/auth/reset-password/', { body }),
};

export const accountApi = {
  changePassword: (body: BodyOf<'/api/account/password/', 'put'>) => api.put('/api/account/password/', { body }),
  // drf-spectacular leaves DELETE bodies out of the schema; the server reads `password` from it.
  deleteAccount: (password: string) =>
    http.delete<void>(urlFor('/api/account/'), { data: { password } }).then((r) => r.data),
  deleteData: () => api.delete('/api/account/data/'),
  // A file download: the schema gives it no JSON body, and the caller needs the headers too.
  // A large export answers 202 with a job (as a Blob here: read it with `exportJobOf`).
  exportData: (format: ExportFormat = 'json') =>
    http.get<Blob>(urlFor('/api/account/export/'), { responseType: 'blob', params: { format } }),
  exportJob: (id: number) => api.get('/api/account/export/jobs/{id}/', { path: { id } }),
};

export const importsApi = {
  // A multipart upload, through axios as goal attachments; `source` is sniffed when omitted.
  upload: (file: File, source?: ImportSource) => {
    const form = new FormData();
    form.append('file', file);
    if (source) form.append('source', source);
    return http.post<ImportJob>(urlFor('/api/imports/'), form).then((r) => r.data);
  },
  job: (id: number) => api.get('/api/imports/{id}/', { path: { id } }),
};

export const habitsApi = {
  list: (query: HabitQuery = {}) => api.get('/api/habits/', { query }),
  get: (id: number) => api.get('/api/habits/{id}/', { path: { id } }),
  create: (body: HabitInput) => api.post('/api/habits/', { body }),
  update: (id: number, body: HabitChanges) => api.patch('/api/habits/{id}/', { path: { id }, body }),
  remove: (id: number) => api.delete('/api/habits/{id}/', { path: { id } }),
  publicList: (query: QueryOf<'/api/habits/public/', 'get'> = {}) => api.get('/api/habits/public/', { query }),
  copy: (id: number) => api.post('/api/habits/{id}/copy/', { path: { id } }),
  stats: (id: number) => api.get('/api/habits/{id}/stats/', { path: { id } }),
  instances: (habitId: number, query: InstanceQuery = {}) =>
    api.get('/api/habits/{habit_id}/instances/', { path: { habit_id: habitId }, query }),
  /** Records (or corrects) a past day: `date` is the habit's local `YYYY-MM-DD`. */
  recordDay: (id: number, date: string, status: DayStatus) =>
    api.put('/api/habits/{habit_id}/days/{date}/', { path: { habit_id: id, date }, body: { status } }),
  clearDay: (id: number, date: string) => api.delete('/api/habits/{habit_id}/days/{date}/', { path: { habit_id: id, date } }),
  pause: (id: number, from: string, until: string | null) => api.post('/api/habits/{id}/pause/', { path: { id }, body: { from, until } }),
  resume: (id: number) => api.post('/api/habits/{id}/resume/', { path: { id } }),
  archive: (id: number) => api.post('/api/habits/{id}/archive/', { path: { id } }),
  unarchive: (id: number) => api.post('/api/habits/{id}/unarchive/', { path: { id } }),
};

export const instancesApi = {
  today: (query: QueryOf<'/api/instances/today/', 'get'> = {}) => api.get('/api/instances/today/', { query }),
  /** My instances of the local dates `date_from`…`date_to` (at most 31 days), of the habits named or all unarchived ones. */
  inRange: (query: QueryOf<'/api/instances/', 'get'>) => api.get('/api/instances/', { query }),
  complete: (id: number) => api.post('/api/instances/{id}/complete/', { path: { id } }),
  fail: (id: number) => api.post('/api/instances/{id}/fail/', { path: { id } }),
  /** An excused skip: not applicable today; it does not break the streak. */
  skip: (id: number) => api.post('/api/instances/{id}/skip/', { path: { id } }),
  /** Takes the last mark back while the fix window is open. */
  undo: (id: number) => api.post('/api/instances/{id}/undo/', { path: { id } }),
  /** The check-in's note (any of my instances); an empty note removes it. */
  note: (id: number, note: string) => api.patch('/api/instances/{id}/note/', { path: { id }, body: { note } }),
};

export const journalApi = {
  entries: (query: QueryOf<'/api/journal/entries/', 'get'> = {}) => api.get('/api/journal/entries/', { query }),
  create: (body: BodyOf<'/api/journal/entries/', 'post'>) => api.post('/api/journal/entries/', { body }),
  update: (id: number, body: BodyOf<'/api/journal/entries/{id}/', 'patch'>) => api.patch('/api/journal/entries/{id}/', { path: { id }, body }),
  remove: (id: number) => api.delete('/api/journal/entries/{id}/', { path: { id } }),
  tags: () => api.get('/api/journal/tags/', { query: { page_size: 100 } }),
  createTag: (name: string) => api.post('/api/journal/tags/', { body: { name } }),
  calendar: (year: number) => api.get('/api/journal/calendar/', { query: { year } }),
  stats: () => api.get('/api/journal/stats/'),
  // A multipart upload, through axios as goal attachments are.
  addPhoto: (entryId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<JournalPhoto>(urlFor('/api/journal/entries/{entry_id}/photos/', { entry_id: entryId }), form).then((r) => r.data);
  },
  removePhoto: (id: number) => api.delete('/api/journal/photos/{id}/', { path: { id } }),
};

export const statsApi = {
  overview: () => api.get('/api/stats/overview/'),
};

export const telegramApi = {
  status: () => api.get('/api/telegram/'),
  bindCode: () => api.post('/api/telegram/bind-code/'),
  unbind: () => api.delete('/api/telegram/'),
};

export const calendarApi = {
  /** The secret feed URL; the first call creates it. */
  url: () => api.get('/api/calendar/'),
  /** A new URL; the old one stops working at once. */
  regenerate: () => api.post('/api/calendar/regenerate/'),
};

export const archivesApi = {
  /** The user's data archives, newest first, each with a short-lived signed download link. */
  list: () => api.get('/api/account/archives/', { query: { page_size: 50 } }),
  schedule: () => api.get('/api/account/archives/schedule/'),
  setSchedule: (frequency: ArchiveFrequency) => api.put('/api/account/archives/schedule/', { body: { frequency } }),
};

export const pushApi = {
  /** 503 `push_disabled` when the server has no VAPID keys. */
  publicKey: () => api.get('/api/push/vapid-public-key/'),
  devices: () => api.get('/api/push/subscriptions/', { query: { page_size: 50 } }),
  subscribe: (body: BodyOf<'/api/push/subscriptions/', 'post'>) => api.post('/api/push/subscriptions/', { body }),
  remove: (id: number) => api.delete('/api/push/subscriptions/{id}/', { path: { id } }),
  test: () => api.post('/api/push/test/'),
};

export const notificationsApi = {
  // The casts give the payload its shape by kind (types.ts), which the schema declares as free JSON.
  list: (query: QueryOf<'/api/notifications/', 'get'> = {}) =>
    api.get('/api/notifications/', { query }) as Promise<NotificationPage>,
  read: (id: number) =>
    api.post('/api/notifications/{notification_id}/read/', { path: { notification_id: id } }) as Promise<Notification>,
  readAll: () => api.post('/api/notifications/read-all/'),
  settings: () => api.get('/api/settings/notifications/'),
  saveSettings: (body: NotificationSettingsInput) => api.put('/api/settings/notifications/', { body }),
  checkins: () => api.get('/api/settings/notifications/frequency/'),
  saveCheckins: (body: CheckinScheduleInput) => api.put('/api/settings/notifications/frequency/', { body }),
};

export const goalsApi = {
  /** Open or completed goals not archived; `archived` lists the archived ones instead. */
  list: (status?: GoalStatusFilter, archived = false) =>
    archived
      ? api.get('/api/goals/archived/', { query: { status, page_size: 100 } })
      : api.get('/api/goals/', { query: { status, page_size: 100 } }),
  get: (id: number) => api.get('/api/goals/{id}/', { path: { id } }),
  create: (body: GoalInput) => api.post('/api/goals/', { body }),
  update: (id: number, body: GoalChanges) => api.patch('/api/goals/{id}/', { path: { id }, body }),
  remove: (id: number) => api.delete('/api/goals/{id}/', { path: { id } }),
  complete: (id: number) => api.post('/api/goals/{id}/complete/', { path: { id } }),
  reopen: (id: number) => api.post('/api/goals/{id}/reopen/', { path: { id } }),
  archive: (id: number) => api.post('/api/goals/{id}/archive/', { path: { id } }),
  unarchive: (id: number) => api.post('/api/goals/{id}/unarchive/', { path: { id } }),
  stages: (goalId: number) => api.get('/api/goals/{goal_id}/stages/', { path: { goal_id: goalId }, query: { page_size: 100 } }),
  addStage: (goalId: number, body: GoalStageInput) => api.post('/api/goals/{goal_id}/stages/', { path: { goal_id: goalId }, body }),
  updateStage: (goalId: number, id: number, body: GoalStageChanges) =>
    api.patch('/api/goals/{goal_id}/stages/{id}/', { path: { goal_id: goalId, id }, body }),
  removeStage: (goalId: number, id: number) => api.delete('/api/goals/{goal_id}/stages/{id}/', { path: { goal_id: goalId, id } }),
  completeStage: (goalId: number, id: number) => api.post('/api/goals/{goal_id}/stages/{id}/complete/', { path: { goal_id: goalId, id } }),
  uncompleteStage: (goalId: number, id: number) =>
    api.post('/api/goals/{goal_id}/stages/{id}/uncomplete/', { path: { goal_id: goalId, id } }),
  reorderStages: (goalId: number, ids: number[]) => api.post('/api/goals/{goal_id}/stages/reorder/', { path: { goal_id: goalId }, body: { ids } }),
  reminder: (id: number) => api.get('/api/goals/{id}/reminder/', { path: { id } }),
  saveReminder: (id: number, body: GoalReminderInput) => api.put('/api/goals/{id}/reminder/', { path: { id }, body }),
  aiCapability: () => api.get('/api/goals/ai/'),
  startAi: (goalId: number) => api.post('/api/goals/{goal_id}/ai-breakdown/', { path: { goal_id: goalId } }),
  aiJob: (goalId: number, jobId: number) =>
    api.get('/api/goals/{goal_id}/ai-breakdown/{job_id}/', { path: { goal_id: goalId, job_id: jobId } }),
  /** Keeps these drafts (in this order) and discards the goal's other drafts. */
  acceptDrafts: (goalId: number, ids: number[]) => api.post('/api/goals/{goal_id}/stages/accept/', { path: { goal_id: goalId }, body: { ids } }),
  attachments: (goalId: number) => api.get('/api/goals/{goal_id}/attachments/', { path: { goal_id: goalId }, query: { page_size: 100 } }),
  // A multipart upload: the typed JSON helper sends JSON, so this one goes through axios.
  upload: (goalId: number, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return http.post<Attachment>(urlFor('/api/goals/{goal_id}/attachments/', { goal_id: goalId }), form).then((r) => r.data);
  },
  removeAttachment: (id: number) => api.delete('/api/attachments/{id}/', { path: { id } }),
};

export const achievementsApi = {
  /** The whole catalogue (26 today; one page of 100 holds it) as the signed-in user sees it. */
  list: () => api.get('/api/achievements/', { query: { page_size: 100 } }),
  /** These earned achievements have been shown (the toast). */
  seen: (codes: AchievementCode[]) => api.post('/api/achievements/seen/', { body: { codes } }),
};

export const walletApi = {
  /** The balance and a page of the ledger, newest first. */
  get: (page = 1, pageSize = 20) =>
    api.get('/api/wallet/', { query: { page, page_size: pageSize } }) as Promise<WalletPage>,
  rewards: () => api.get('/api/rewards/', { query: { page_size: 100 } }),
  createReward: (body: RewardInput) => api.post('/api/rewards/', { body }),
  updateReward: (id: number, body: RewardChanges) => api.patch('/api/rewards/{id}/', { path: { id }, body }),
  removeReward: (id: number) => api.delete('/api/rewards/{id}/', { path: { id } }),
  redeem: (id: number) => api.post('/api/rewards/{id}/redeem/', { path: { id } }),
};

export const communityApi = {
  /** Newest first; `cursor` is the previous page's `next_cursor`. */
  feed: (cursor?: number) => api.get('/api/community/feed/', { query: { cursor } }),
  habitPosts: (habitId: number, cursor?: number) =>
    api.get('/api/habits/public/{habit_id}/posts/', { path: { habit_id: habitId }, query: { cursor } }),
  /** JSON without an image; multipart (through axios, as goal uploads) with one. */
  create: (habit: number, text: string, image?: File | null) => {
    if (!image) return api.post('/api/posts/', { body: { habit, text } });
    const form = new FormData();
    form.append('habit', String(habit));
    form.append('text', text);
    form.append('image', image);
    return http.post<Post>(urlFor('/api/posts/'), form).then((r) => r.data);
  },
  remove: (id: number) => api.delete('/api/posts/{id}/', { path: { id } }),
  giveKudos: (id: number) => api.post('/api/posts/{id}/kudos/', { path: { id } }),
  takeBackKudos: (id: number) => api.delete('/api/posts/{id}/kudos/', { path: { id } }),
  report: (id: number, reason: string) => api.post('/api/posts/{id}/report/', { path: { id }, body: { reason } }),
  settings: () => api.get('/api/community/settings/'),
  saveSettings: (body: CommunitySettings) => api.put('/api/community/settings/', { body }),
};

export const reportsApi = {
  /** 200 with the report, or 202 with the job computing a long range (`kind` says which). */
  habitsMood: async (from: string, to: string) => {
    const response = await http.get<HabitsMoodReport | ReportJob>(urlFor('/api/reports/habits-mood/'), {
      params: { from, to },
    });
    return response.status === 202
      ? ({ kind: 'job', job: response.data as ReportJob } as const)
      : ({ kind: 'report', report: response.data as HabitsMoodReport } as const);
  },
  job: (id: number) => api.get('/api/reports/jobs/{job_id}/', { path: { job_id: id } }),
  settings: () => api.get('/api/reports/settings/'),
  updateSettings: (weekday: number | null) =>
    api.put('/api/reports/settings/', { body: { weekly_summary_weekday: weekday } }),
  /** The newest weekly summary, if any was sent. */
  latestSummary: () => api.get('/api/reports/weekly-summaries/', { query: { page_size: 1 } }),
};
