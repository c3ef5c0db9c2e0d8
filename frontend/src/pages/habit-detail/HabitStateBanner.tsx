import { Alert, Button } from '@mui/material';
import { useState } from 'react';
import { habitsApi, toApiError, type Habit } from '../../api';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { pauseText } from '../../utils/schedule';
import { todayIn } from '../../utils/time';

/** A paused or archived habit says so at the top of its page, with the way back. */
export function HabitStateBanner({ habit, onChanged }: { habit: Habit; onChanged: (habit: Habit) => void }) {
  const pause = pauseText(habit, todayIn(useAuth((s) => s.user?.timezone) ?? 'UTC'));
  const [busy, setBusy] = useState(false);

  const run = async (call: () => Promise<Habit>, done: string) => {
    setBusy(true);
    try {
      onChanged(await call());
      toast(done);
    } catch (e) {
      toast(toApiError(e).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  if (habit.is_archived) {
    return (
      <Alert severity="info" sx={{ mb: 2 }} action={<Button color="inherit" size="small" disabled={busy} onClick={() => void run(() => habitsApi.unarchive(habit.id), 'Back in your lists.')}>Unarchive</Button>}>
        Archived: it is off Today and your lists; its history and statistics stay.
      </Alert>
    );
  }
  if (!pause) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }} action={<Button color="inherit" size="small" disabled={busy} onClick={() => void run(() => habitsApi.resume(habit.id), 'Resumed.')}>Resume</Button>}>
      {pause}. Nothing is due while it is paused, and your streak waits.
    </Alert>
  );
}
