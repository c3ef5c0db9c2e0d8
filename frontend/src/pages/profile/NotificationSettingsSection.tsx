import { Alert, Button, FormControlLabel, FormHelperText, Stack, Switch, TextField } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { notificationsApi, type NotificationSettings } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { useSubmit } from '../../hooks/useSubmit';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const FIELDS = ['telegram_enabled', 'email_enabled', 'quiet_hours_start', 'quiet_hours_end', 'digest_time'] as const;
type TimeField = 'quiet_hours_start' | 'quiet_hours_end' | 'digest_time';

const SECTION_ID = 'notifications';

const toInput = (t: string | null) => (t ? t.slice(0, 5) : '');
const fromInput = (t: string) => (t ? `${t}:00` : null);

/** Where and when notifications arrive; hidden when this server has no notification settings. */
export function NotificationSettingsSection() {
  const { data, error, loading, reload } = useLoad(() => notificationsApi.settings(), []);
  const [values, setValues] = useState<NotificationSettings | null>(null);
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  useEffect(() => {
    if (data) setValues(data);
  }, [data]);
  const shown = values !== null;
  useEffect(() => {
    // Today's "reminders reach you nowhere" alert links here (/profile#notifications).
    if (shown && window.location.hash === `#${SECTION_ID}`) document.getElementById(SECTION_ID)?.scrollIntoView?.({ block: 'start' });
  }, [shown]);

  if (error?.status === 404) return null;
  const title = 'Notifications';
  const description = 'Choose where reminders go and when to keep quiet.';
  if (error) return <SettingsCard title={title} description={description}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading || !values) return <SettingsCard title={title} description={description}><Loading /></SettingsCard>;

  const time = (name: TimeField, label: string, hint: string) => (
    <TextField
      type="time"
      label={label}
      value={toInput(values[name])}
      onChange={(e) => setValues({ ...values, [name]: fromInput(e.target.value) })}
      error={!!errors[name]}
      helperText={errors[name] ?? hint}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { quiet_hours_start: start, quiet_hours_end: end } = values;
    if ((start === null) !== (end === null)) {
      return setErrors({ [start ? 'quiet_hours_end' : 'quiet_hours_start']: 'Set both ends of the quiet hours, or neither.' });
    }
    if (start !== null && start === end) return setErrors({ quiet_hours_end: 'Quiet hours need to end at another time.' });
    const body = {
      telegram_enabled: values.telegram_enabled,
      email_enabled: values.email_enabled,
      quiet_hours_start: start,
      quiet_hours_end: end,
      digest_time: values.digest_time,
    };
    const ok = await run(async () => setValues(await notificationsApi.saveSettings(body)));
    if (ok) toast('Notification settings saved.');
  };

  return (
    <SettingsCard id={SECTION_ID} title={title} description={description}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {general && <Alert severity="error">{general}</Alert>}
        <Stack>
          <FormControlLabel
            control={<Switch checked={values.telegram_enabled} onChange={(e) => setValues({ ...values, telegram_enabled: e.target.checked })} />}
            label="Telegram reminders"
          />
          {!values.telegram_available && <FormHelperText sx={{ mt: -0.5, mb: 1 }}>This server has no Telegram bot, so nothing is sent there for now.</FormHelperText>}
          <FormControlLabel
            control={<Switch checked={values.email_enabled} onChange={(e) => setValues({ ...values, email_enabled: e.target.checked })} />}
            label="Email"
          />
          {!values.email_available && <FormHelperText sx={{ mt: -0.5 }}>This server sends no email, so nothing is sent there for now.</FormHelperText>}
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          {time('quiet_hours_start', 'Quiet from', 'Leave both empty for no quiet hours.')}
          {time('quiet_hours_end', 'Quiet until', 'May wrap midnight, e.g. 22:00 to 07:00.')}
        </Stack>
        {time('digest_time', 'Daily digest at', 'Leave empty for no digest.')}
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          Save notification settings
        </Button>
      </Stack>
    </SettingsCard>
  );
}
