import { useState } from 'react';
import { splitErrors, toApiError, type Instance } from '../api';
import { toast } from '../store/toast';
import { useAchievements } from '../store/achievements';
import { useWallet } from '../store/wallet';
import { markDay, markedMessage, type Choice, type Day } from '../utils/marking';

/** A refusal in one sentence: the server's reasons (e.g. why a day cannot be recorded), not "invalid". */
export function refusal(err: unknown): string {
  const error = toApiError(err);
  return splitErrors(error, []).general ?? error.message;
}

/**
 * Marks days and says so in a toast with Undo. `onMarked` gets the day's instance after the
 * mark, and again after an undo (null: the day has none); `onRefused` runs when the server said
 * no, since what the page shows may be out of date (another tab, the sweep).
 */
export function useMarkDay(onMarked: (day: Day, instance: Instance | null) => void, onRefused?: () => void) {
  const [busy, setBusy] = useState<string | null>(null);

  const mark = async (day: Day, choice: Choice) => {
    setBusy(`${day.habitId}:${day.date}`);
    try {
      const result = await markDay(day, choice, Date.now());
      onMarked(day, result.instance);
      void useWallet.getState().refresh(); // a completion pays coins, an undo takes them back
      useAchievements.getState().checkAfterMark();
      const undo = async () => {
        try {
          onMarked(day, await result.undo());
          void useWallet.getState().refresh();
          toast('Undone.', 'info');
        } catch (err) {
          toast(refusal(err), 'error');
          onRefused?.();
        }
      };
      toast(markedMessage(choice, result.instance), choice === 'completed' ? 'success' : 'info', { label: 'Undo', run: () => void undo() });
    } catch (err) {
      toast(refusal(err), 'error');
      onRefused?.();
    } finally {
      setBusy(null);
    }
  };

  return { mark, busy: (day: Pick<Day, 'habitId' | 'date'>) => busy === `${day.habitId}:${day.date}` };
}
