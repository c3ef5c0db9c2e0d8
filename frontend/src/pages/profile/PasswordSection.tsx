import { Alert, Button, Stack } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { accountApi } from '../../api';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { MIN_PASSWORD } from '../../utils/validation';
import { SettingsCard } from './SettingsCard';

const FIELDS = ['current_password', 'new_password'] as const;

export function PasswordSection() {
  const setTokens = useAuth((s) => s.setTokens);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!current) return setErrors({ current_password: 'Enter your current password.' });
    if (next.length < MIN_PASSWORD) return setErrors({ new_password: `Use at least ${MIN_PASSWORD} characters.` });
    const ok = await run(async () => setTokens(await accountApi.changePassword({ current_password: current, new_password: next })));
    if (ok) {
      setCurrent('');
      setNext('');
      toast('Password changed. Other devices are signed out.');
    }
  };

  return (
    <SettingsCard title="Password" description="Changing it signs out every other device.">
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {general && <Alert severity="error">{general}</Alert>}
        <PasswordField label="Current password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={!!errors.current_password} helperText={errors.current_password} />
        <PasswordField label="New password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} error={!!errors.new_password} helperText={errors.new_password ?? `At least ${MIN_PASSWORD} characters.`} />
        <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
    </SettingsCard>
  );
}
