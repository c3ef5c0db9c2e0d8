import { Alert, Button, Link, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { maxLengthsOf } from '../../api/limits';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { browserTimezone, useAuth } from '../../store/auth';
import { isEmail, MIN_PASSWORD } from '../../utils/validation';
import { AuthLayout } from './AuthLayout';

// No maxLength on the password: a pasted password cut short in silence could never be typed again.
const LIMITS = maxLengthsOf('RegisterInputRequest');

const FIELDS = ['name', 'email', 'password'] as const;

export function SignUpPage() {
  const signUp = useAuth((s) => s.signUp);
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, setErrors, general, busy, run } = useSubmit(FIELDS);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!isEmail(email)) local.email = 'Enter a valid email address.';
    if (password.length < MIN_PASSWORD) local.password = `Use at least ${MIN_PASSWORD} characters.`;
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    if (await run(() => signUp({ email: email.trim(), password, name: name.trim() }))) navigate('/', { replace: true });
  };

  return (
    <AuthLayout title="Create your account" subtitle="Small habits, repeated, make remarkable results.">
      <Stack component="form" spacing={2.5} onSubmit={submit} noValidate>
        {general && <Alert severity="error">{general}</Alert>}
        <TextField label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={!!errors.name} helperText={errors.name} slotProps={{ htmlInput: { maxLength: LIMITS.name } }} />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          slotProps={{ htmlInput: { maxLength: LIMITS.email } }}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={!!errors.email}
          helperText={errors.email}
        />
        <PasswordField
          label="Password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={!!errors.password}
          helperText={errors.password ?? `At least ${MIN_PASSWORD} characters, not too common.`}
        />
        <Typography variant="body2" color="text.secondary">
          Your timezone is set to <strong>{browserTimezone()}</strong>; you can change it later in your profile.
        </Typography>
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </Button>
        <Typography variant="body2" color="text.secondary" textAlign="center">
          Already have an account?{' '}
          <Link component={RouterLink} to="/signin">
            Sign in
          </Link>
        </Typography>
      </Stack>
    </AuthLayout>
  );
}
