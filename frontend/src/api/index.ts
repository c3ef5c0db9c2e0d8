// The typed API client: one function per endpoint of docs/api.md.
import { http } from './client';
import type {
  AuthResponse,
  BindCode,
  Habit,
  HabitInput,
  HabitStats,
  Instance,
  InstanceStatus,
  Notification,
  NotificationPage,
  NotificationSettings,
  NotificationSettingsInput,
  OverviewStats,
  Page,
  PublicHabit,
  TelegramStatus,
  Tokens,
  User,
} from './types';

export { ApiError, splitErrors, toApiError, type FieldErrors } from './errors';
export { connectTokenKeeper, http, type TokenKeeper } from './client';
export type * from './types';

const data = <T>(p: Promise<{ data: T }>): Promise<T> => p.then((r) => r.data);

export interface PageQuery {
  page?: number;
  page_size?: number;
}

export const authApi = {
  register: (body: { email: string; password: string; name?: string; timezone?: string }) =>
    data(http.post<AuthResponse>('auth/register/', body)),
  login: (body: { email: string; password: string }) => data(http.post<AuthResponse>('auth/login/', body)),
  logout: (refresh: string) => data(http.post<void>('auth/logout/', { refresh })),
  me: () => data(http.get<User>('auth/me/')),
  updateMe: (body: Partial<Pick<User, 'name' | 'timezone'>>) => data(http.patch<User>('auth/me/', body)),
  forgotPassword: (email: string) => data(http.post<{ detail: string }>('auth/forgot-password/', { email })),
  resetPassword: (body: { uid: string; token: string; new_password: string }) =>
    data(http.post<void>('auth/reset-password/', body)),
};

export const accountApi = {
  changePassword: (body: { current_password: string; new_password: string }) =>
    data(http.put<Tokens>('account/password/', body)),
  deleteAccount: (password: string) => data(http.delete<void>('account/', { data: { password } })),
  deleteData: () => data(http.delete<void>('account/data/')),
  exportData: () => http.get<Blob>('account/export/', { responseType: 'blob' }),
};

export interface HabitQuery extends PageQuery {
  is_pleasant?: boolean;
  is_active?: boolean;
  is_public?: boolean;
  ordering?: 'time_of_day' | 'name' | 'created_at' | '-time_of_day' | '-name' | '-created_at';
}

export interface InstanceQuery extends PageQuery {
  status?: InstanceStatus;
  date_from?: string;
  date_to?: string;
}

export const habitsApi = {
  list: (params: HabitQuery = {}) => data(http.get<Page<Habit>>('habits/', { params })),
  get: (id: number) => data(http.get<Habit>(`habits/${id}/`)),
  create: (body: HabitInput) => data(http.post<Habit>('habits/', body)),
  update: (id: number, body: Partial<HabitInput>) => data(http.patch<Habit>(`habits/${id}/`, body)),
  remove: (id: number) => data(http.delete<void>(`habits/${id}/`)),
  publicList: (params: PageQuery = {}) => data(http.get<Page<PublicHabit>>('habits/public/', { params })),
  copy: (id: number) => data(http.post<Habit>(`habits/${id}/copy/`)),
  stats: (id: number) => data(http.get<HabitStats>(`habits/${id}/stats/`)),
  instances: (id: number, params: InstanceQuery = {}) =>
    data(http.get<Page<Instance>>(`habits/${id}/instances/`, { params })),
};

export const instancesApi = {
  today: (params: PageQuery = {}) => data(http.get<Page<Instance>>('instances/today/', { params })),
  complete: (id: number) => data(http.post<Instance>(`instances/${id}/complete/`)),
  fail: (id: number) => data(http.post<Instance>(`instances/${id}/fail/`)),
};

export const statsApi = {
  overview: () => data(http.get<OverviewStats>('stats/overview/')),
};

export const telegramApi = {
  status: () => data(http.get<TelegramStatus>('telegram/')),
  bindCode: () => data(http.post<BindCode>('telegram/bind-code/')),
  unbind: () => data(http.delete<void>('telegram/')),
};

export const notificationsApi = {
  list: (params: PageQuery = {}) => data(http.get<NotificationPage>('notifications/', { params })),
  read: (id: number) => data(http.post<Notification>(`notifications/${id}/read/`)),
  readAll: () => data(http.post<{ updated: number }>('notifications/read-all/')),
  settings: () => data(http.get<NotificationSettings>('settings/notifications/')),
  saveSettings: (body: NotificationSettingsInput) =>
    data(http.put<NotificationSettings>('settings/notifications/', body)),
};
