import { create } from 'zustand';
import { notificationsApi, toApiError } from '../api';

interface NotificationState {
  /** False once the server answered 404: notifications are not part of this deployment. */
  available: boolean;
  unread: number;
  refresh: () => Promise<void>;
  setUnread: (n: number) => void;
}

export const useNotifications = create<NotificationState>()((set) => ({
  available: true,
  unread: 0,
  refresh: async () => {
    try {
      const page = await notificationsApi.list({ page_size: 1 });
      set({ available: true, unread: page.unread_count ?? 0 });
    } catch (err) {
      if (toApiError(err).status === 404) set({ available: false, unread: 0 });
    }
  },
  setUnread: (unread) => set({ unread }),
}));
