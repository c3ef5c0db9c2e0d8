import { Alert, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { notificationsApi, type CheckinSchedule } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { TimeChips } from '../../components/TimeChips';
import { useLoad } from '../../hooks/useLoad';
import { useSubmit } from '../../hooks/useSubmit';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const FIELDS = ['times', 'frequency', 'weekday'] as const;
const MAX_TIMES = 6; // the API's limit (notifications.checkins.MAX_CHECKIN_TIMES)
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const title = 'Check-ins';
const description = 'A short "3 of 5 habits left today" at the times you choose, on every channel you turned on. Nothing is sent once everything is done.';

function nextLabel(next: string | null): string {
  if (!next) return 'Check-ins are off.';
  const at = new Date(next);
  return `Next check-in: ${at.toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' })}.`;
}

/** The check-in slots (GET/PUT /api/settings/notifications/frequency/). */
export function CheckinsSection() {
  const { data, error, loading, reload } = useLoad(() => notificationsApi.checkins(), []);
  const [values, setValues] = useState<CheckinSchedule | null>(null);
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  useEffect(() => {
    if (data) setValues(data);
  }, [data]);

  if (error?.status === 404) return null;
  if (error) return <SettingsCard title={title} description={description}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading || !values) return <SettingsCard title={title} description={description}><Loading /></SettingsCard>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (values.frequency !== 'off' && values.times.length === 0) return setErrors({ times: 'Add at least one time, or choose Off.' });
    const weekly = values.frequency === 'weekly';
    if (weekly && values.weekday === null) return setErrors({ weekday: 'Choose the day of the week.' });
    const body = { times: values.times, frequency: values.frequency, weekday: weekly ? values.weekday : null };
    const ok = await run(async () => setValues(await notificationsApi.saveCheckins(body)));
    if (ok) toast('Check-ins saved.');
  };

  return (
    <SettingsCard id="checkins" title={title} description={description}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {general && <Alert severity="error">{general}</Alert>}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            select
            label="How often"
            value={values.frequency}
            onChange={(e) => setValues({ ...values, frequency: e.target.value as CheckinSchedule['frequency'] })}
            error={!!errors.frequency}
            helperText={errors.frequency}
            sx={{ minWidth: 180 }}
          >
            <MenuItem value="daily">Every day</MenuItem>
            <MenuItem value="weekly">Once a week</MenuItem>
            <MenuItem value="off">Off</MenuItem>
          </TextField>
          {values.frequency === 'weekly' && (
            <TextField
              select
              label="Weekday"
              value={values.weekday ?? ''}
              onChange={(e) => setValues({ ...values, weekday: Number(e.target.value) })}
              error={!!errors.weekday}
              helperText={errors.weekday}
              sx={{ minWidth: 180 }}
            >
              {WEEKDAYS.map((name, day) => (
                <MenuItem key={name} value={day}>{name}</MenuItem>
              ))}
            </TextField>
          )}
        </Stack>
        <TimeChips
          label="Check-in time"
          times={values.times}
          onChange={(times) => setValues({ ...values, times })}
          max={MAX_TIMES}
          error={errors.times}
          hint={`Up to ${MAX_TIMES} times a day, in your time zone.`}
        />
        <Typography variant="body2" color="text.secondary" data-testid="next-checkin">
          {nextLabel(values.next_checkin_at)}
        </Typography>
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          Save check-ins
        </Button>
      </Stack>
    </SettingsCard>
  );
}
