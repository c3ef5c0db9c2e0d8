import { useState } from 'react';
import { habitsApi, type Habit, type Instance } from '../../api';
import { DayMarkMenu } from '../../components/DayMarkMenu';
import { useLoad } from '../../hooks/useLoad';
import { useMarkDay } from '../../hooks/useMarkDay';
import { useAuth } from '../../store/auth';
import { addDays } from '../../utils/days';
import { todayIn } from '../../utils/time';

/**
 * How far back a day can be recorded: the server's default window (HABIT_PAST_DAYS_WINDOW). A
 * server set to fewer days refuses the older ones with a 400 that the toast shows.
 */
export const PAST_DAYS = 7;

interface Picked {
  anchor: Element;
  date: string;
  instance: Instance | undefined;
}

/**
 * Recording days from the habit's page: the calendar and the history table open the same menu
 * for a day of the last week; `onRecorded` runs after every change (and its undo).
 */
export function useDayRecorder(habit: Habit | undefined, onRecorded: () => void) {
  const today = todayIn(useAuth((s) => s.user?.timezone) ?? 'UTC');
  const from = addDays(today, -PAST_DAYS);
  const [version, setVersion] = useState(0);
  const recent = useLoad(
    () => (habit ? habitsApi.instances(habit.id, { date_from: from, date_to: today, page_size: PAST_DAYS + 1 }) : Promise.resolve(null)),
    [habit?.id, from, today, version],
  );
  const [picked, setPicked] = useState<Picked | null>(null);
  const changed = () => {
    setVersion((v) => v + 1);
    onRecorded();
  };
  const { mark } = useMarkDay(changed, changed);

  const canPick = (date: string) => !!habit && date >= from && date <= today && date >= habit.start_date;
  const instanceOn = (date: string) => recent.data?.results.find((i) => i.date === date);

  const menu = picked && habit && (
    <DayMarkMenu
      anchor={picked.anchor}
      date={picked.date}
      instance={picked.instance}
      onClose={() => setPicked(null)}
      onPick={(choice) => void mark({ habitId: habit.id, date: picked.date, instance: picked.instance }, choice)}
    />
  );

  return {
    version,
    canPick,
    pickDate: (date: string, anchor: Element) => setPicked({ anchor, date, instance: instanceOn(date) }),
    pickInstance: (instance: Instance, anchor: Element) => setPicked({ anchor, date: instance.date, instance }),
    menu,
  };
}
