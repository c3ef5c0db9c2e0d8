import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, FormControlLabel, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { habitsApi, splitErrors, toApiError, type FieldErrors, type Habit } from '../api';
import { useAuth } from '../store/auth';
import { todayIn } from '../utils/time';

interface Props {
  habit: Habit;
  open: boolean;
  onClose: () => void;
  onPaused: (habit: Habit) => void;
}

/** Pause from a day until a day, or until resumed: no instances, and the streak waits. */
export function PauseDialog({ habit, open, onClose, onPaused }: Props) {
  const today = todayIn(useAuth((s) => s.user?.timezone) ?? 'UTC');
  const [from, setFrom] = useState(today);
  const [until, setUntil] = useState('');
  const [openEnded, setOpenEnded] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const local: FieldErrors = {};
    if (!from) local.from = 'Pick the first day of the pause.';
    if (!openEnded && !until) local.until = 'Pick the last day, or choose “Until I resume it”.';
    if (!openEnded && until && from && until < from) local.until = 'The last day comes on or after the first.';
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      onPaused(await habitsApi.pause(habit.id, from, openEnded ? null : until));
    } catch (e) {
      const split = splitErrors(toApiError(e), ['from', 'until']);
      setErrors(split.fields);
      setGeneral(split.general);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={`pause-${habit.id}`} fullWidth maxWidth="xs">
      <DialogTitle id={`pause-${habit.id}`}>Pause “{habit.name}”</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          For a holiday or an illness: no reminders and nothing due, and the days of the pause neither break nor extend your streak.
        </DialogContentText>
        {general && <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert>}
        <Stack spacing={2}>
          <TextField
            label="From"
            type="date"
            name="from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            error={!!errors.from}
            helperText={errors.from ?? 'The first day without it.'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today } }}
          />
          <TextField
            label="Until"
            type="date"
            name="until"
            value={openEnded ? '' : until}
            disabled={openEnded}
            onChange={(e) => setUntil(e.target.value)}
            error={!!errors.until}
            helperText={errors.until ?? 'The last day of the pause; it is due again the day after.'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: from || today } }}
          />
          <FormControlLabel control={<Checkbox checked={openEnded} onChange={(e) => setOpenEnded(e.target.checked)} />} label="Until I resume it" />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} color="inherit">Cancel</Button>
        <Button onClick={() => void submit()} variant="contained" disabled={busy}>Pause</Button>
      </DialogActions>
    </Dialog>
  );
}
