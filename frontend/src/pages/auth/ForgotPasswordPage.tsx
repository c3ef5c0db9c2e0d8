import { Alert, Button, Link, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { authApi } from '../../api';
import { useSubmit } from '../../hooks/useSubmit';
import { isEmail } from '../../utils/validation';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['email'] as const;

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!isEmail(email)) {
      setErrors({ email: 'Enter a valid email address.' });
      return;
    }
    if (await run(async () => void (await authApi.forgotPassword(email.trim())))) setSent(true);
  };

  return (
    <AuthLayout title="Forgot your password?" subtitle="Enter your email and we will send you a link to choose a new one.">
      {sent ? (
        <Stack spacing={2.5}>
          <Alert severity="success">
            If an account exists for <strong>{email}</strong>, an email with a reset link is on its way. The link works for one hour.
          </Alert>
          <Button component={RouterLink} to="/signin" variant="contained">
            Back to sign in
          </Button>
        </Stack>
      ) : (
        <Stack component="form" spacing={2.5} onSubmit={submit} noValidate>
          {general && <Alert severity="error">{general}</Alert>}
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={!!errors.email}
            helperText={errors.email}
          />
          <Button type="submit" variant="contained" size="large" disabled={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </Button>
          <Link component={RouterLink} to="/signin" variant="body2" textAlign="center">
            Back to sign in
          </Link>
        </Stack>
      )}
    </AuthLayout>
  );
}
