import { create } from 'zustand';
import { achievementsApi, type Achievement } from '../api';

/** After a mark the server evaluates achievements in a background task: look twice. */
const AFTER_MARK_MS = [1500, 5000];

interface AchievementsState {
  /** Earned and not shown yet: the toast's queue. */
  fresh: Achievement[];
  /** The last list read, for the page; null until the first answer. */
  list: Achievement[] | null;
  check: () => Promise<void>;
  checkAfterMark: () => void;
  /** The toast showed these: tell the server, and drop them from the queue. */
  markShown: (shown: Achievement[]) => Promise<void>;
}

export const useAchievements = create<AchievementsState>()((set, get) => ({
  fresh: [],
  list: null,
  check: async () => {
    try {
      const page = await achievementsApi.list();
      const queued = new Set(get().fresh.map((a) => a.code));
      const unseen = page.results.filter((a) => a.earned && !a.seen && !queued.has(a.code));
      set((s) => ({ list: page.results, fresh: [...s.fresh, ...unseen] }));
    } catch {
      // the toast waits for the next check; the page shows its own error
    }
  },
  checkAfterMark: () => {
    for (const delay of AFTER_MARK_MS) window.setTimeout(() => void get().check(), delay);
  },
  markShown: async (shown) => {
    const codes = new Set(shown.map((a) => a.code));
    set((s) => ({ fresh: s.fresh.filter((a) => !codes.has(a.code)) }));
    try {
      await achievementsApi.seen([...codes]);
    } catch {
      // shown once already; at worst it shows again on the next visit
    }
  },
}));
