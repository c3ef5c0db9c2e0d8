import { Alert, Button, Link, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router-dom';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { useAuth } from '../../store/auth';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['email', 'password'] as const;

export function SignInPage() {
  const signIn = useAuth((s) => s.signIn);
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const sessionEnded = useAuth((s) => s.sessionEnded);
  const { errors, general, busy, run } = useSubmit(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => signIn(email.trim(), password))) navigate(from, { replace: true });
  };

  return (
    <AuthLayout title="Welcome back" subtitle="Sign in to keep your streaks going.">
      <Stack component="form" spacing={2.5} onSubmit={submit} noValidate>
        {sessionEnded && !general && <Alert severity="info">Your session has ended — please sign in again.</Alert>}
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
        <PasswordField
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={!!errors.password}
          helperText={errors.password}
        />
        <Link component={RouterLink} to="/forgot-password" variant="body2" sx={{ alignSelf: 'flex-end' }}>
          Forgot your password?
        </Link>
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
        <Typography variant="body2" color="text.secondary" textAlign="center">
          New here?{' '}
          <Link component={RouterLink} to="/signup">
            Create an account
          </Link>
        </Typography>
      </Stack>
    </AuthLayout>
  );
}
