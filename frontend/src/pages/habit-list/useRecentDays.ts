import { useCallback, useEffect, useState } from 'react';
import { habitsApi, type Habit, type Instance } from '../../api';

/** Each habit's instances by date, for the dates `from`…`to`. */
export type DayMap = Record<number, Record<string, Instance>>;

async function load(habits: Habit[], from: string, to: string): Promise<DayMap> {
  // One call per habit on the page (a page holds at most a few dozen): the API lists instances per habit.
  const pages = await Promise.all(
    habits.map((h) => habitsApi.instances(h.id, { date_from: from, date_to: to, page_size: 31 }).then((p) => [h.id, p.results] as const)),
  );
  return Object.fromEntries(pages.map(([id, instances]) => [id, Object.fromEntries(instances.map((i) => [i.date, i]))]));
}

/** The recent days of the habits shown, and a setter for one day after a mark. */
export function useRecentDays(habits: Habit[] | undefined, from: string, to: string) {
  const [days, setDays] = useState<DayMap | null>(null);
  const [failed, setFailed] = useState(false);
  const key = habits?.map((h) => h.id).join(',') ?? '';

  useEffect(() => {
    if (!habits) return;
    let current = true;
    setFailed(false);
    load(habits, from, to)
      .then((d) => current && setDays(d))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
    // The habits' ids decide what to load, not the array's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, from, to]);

  const setDay = useCallback((habitId: number, date: string, instance: Instance | null) => {
    setDays((d) => {
      const mine = { ...(d?.[habitId] ?? {}) };
      if (instance) mine[date] = instance;
      else delete mine[date];
      return { ...d, [habitId]: mine };
    });
  }, []);

  return { days, failed, setDay };
}
