import { Alert, Button, Link, Stack } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router-dom';
import { authApi } from '../../api';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { toast } from '../../store/toast';
import { AuthLayout } from './AuthLayout';
import { MIN_PASSWORD } from '../../utils/validation';

const FIELDS = ['new_password'] as const;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const uid = params.get('uid');
  const token = params.get('token');
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  if (!uid || !token) {
    return (
      <AuthLayout title="This link is incomplete">
        <Stack spacing={2.5}>
          <Alert severity="warning">Open the link from the email exactly as it is, or ask for a new one.</Alert>
          <Button component={RouterLink} to="/forgot-password" variant="contained">
            Ask for a new link
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMismatch(password !== confirm);
    if (password.length < MIN_PASSWORD) {
      setErrors({ new_password: `Use at least ${MIN_PASSWORD} characters.` });
      return;
    }
    if (password !== confirm) return;
    const ok = await run(async () => void (await authApi.resetPassword({ uid, token, new_password: password })));
    if (ok) {
      toast('Your password is changed. Sign in with the new one.');
      navigate('/signin', { replace: true });
    }
  };

  return (
    <AuthLayout title="Choose a new password" subtitle="After this, every device signed in to your account is signed out.">
      <Stack component="form" spacing={2.5} onSubmit={submit} noValidate>
        {general && (
          <Alert severity="error">
            {general}{' '}
            <Link component={RouterLink} to="/forgot-password">
              Ask for a new link
            </Link>
          </Alert>
        )}
        <PasswordField
          label="New password"
          autoComplete="new-password"
          required
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={!!errors.new_password}
          helperText={errors.new_password ?? `At least ${MIN_PASSWORD} characters.`}
        />
        <PasswordField
          label="Repeat the new password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          error={mismatch}
          helperText={mismatch ? 'The two passwords differ.' : ' '}
        />
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Saving…' : 'Set new password'}
        </Button>
      </Stack>
    </AuthLayout>
  );
}
