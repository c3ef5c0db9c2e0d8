import { Alert, Button, FormControlLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { goalsApi, type GoalReminderInput } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { useSubmit } from '../../hooks/useSubmit';
import { toast } from '../../store/toast';

const FIELDS = ['remind_time', 'every_n_days', 'active'] as const;

/** A goal's reminder: a time on the user's clock, every 1, 2 or 3 days, on or off. */
export function ReminderForm({ goalId }: { goalId: number }) {
  const loaded = useLoad(() => goalsApi.reminder(goalId), [goalId]);
  const [values, setValues] = useState<GoalReminderInput>({ remind_time: '09:00', every_n_days: 1, active: false });
  const { errors, general, busy, run } = useSubmit(FIELDS);

  useEffect(() => {
    const r = loaded.data;
    if (r) setValues({ remind_time: r.remind_time.slice(0, 5), every_n_days: r.every_n_days, active: r.active });
  }, [loaded.data]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      loaded.setData(await goalsApi.saveReminder(goalId, values));
      toast(values.active ? 'Reminder saved.' : 'Reminder off.');
    });
  };

  const next = loaded.data?.next_reminder_at;
  return (
    <Stack component="form" spacing={2} onSubmit={save} noValidate aria-label="Reminder">
      {general && <Alert severity="error">{general}</Alert>}
      <FormControlLabel
        control={<Switch checked={values.active} onChange={(_, active) => setValues({ ...values, active })} />}
        label="Remind me about this goal"
      />
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          type="time"
          name="remind_time"
          label="At"
          size="small"
          value={values.remind_time}
          onChange={(e) => setValues({ ...values, remind_time: e.target.value })}
          error={!!errors.remind_time}
          helperText={errors.remind_time}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ width: 150 }}
        />
        <TextField
          select
          name="every_n_days"
          label="How often"
          size="small"
          value={values.every_n_days}
          onChange={(e) => setValues({ ...values, every_n_days: Number(e.target.value) as GoalReminderInput['every_n_days'] })}
          error={!!errors.every_n_days}
          helperText={errors.every_n_days}
          sx={{ width: 190 }}
        >
          <MenuItem value={1}>Every day</MenuItem>
          <MenuItem value={2}>Every other day</MenuItem>
          <MenuItem value={3}>Every 3 days</MenuItem>
        </TextField>
        <Button type="submit" variant="outlined" disabled={busy} sx={{ mt: 0.25 }}>
          Save
        </Button>
      </Stack>
      {next && (
        <Typography variant="body2" color="text.secondary">
          Next reminder: {new Date(next).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}
        </Typography>
      )}
    </Stack>
  );
}
