import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Divider, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { accountApi } from '../../api';
import { PasswordField } from '../../components/PasswordField';
import { useSubmit } from '../../hooks/useSubmit';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const FIELDS = ['password'] as const;

export function DataSection() {
  const navigate = useNavigate();
  const clear = useAuth((s) => s.clear);
  const [dialog, setDialog] = useState<'data' | 'account' | null>(null);
  const [password, setPassword] = useState('');
  const { errors, general, busy, run } = useSubmit(FIELDS);

  const close = () => {
    setDialog(null);
    setPassword('');
  };

  const deleteData = async () => {
    if (await run(accountApi.deleteData)) {
      close();
      toast('All your habits and history are deleted. A fresh start.');
      navigate('/');
    }
  };

  const deleteAccount = async () => {
    if (await run(() => accountApi.deleteAccount(password))) {
      clear();
      toast('Your account is deleted. Take care!');
      navigate('/signin');
    }
  };

  return (
    <SettingsCard title="Your data" description="It is yours: export it above, or delete it." danger>
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} justifyContent="space-between" alignItems={{ sm: 'center' }}>
          <Typography variant="body2">Delete all habits and their history; keep the account.</Typography>
          <Button color="error" variant="outlined" onClick={() => setDialog('data')}>
            Delete my data
          </Button>
        </Stack>
        <Divider />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} justifyContent="space-between" alignItems={{ sm: 'center' }}>
          <Typography variant="body2">Delete the account and everything in it, for good.</Typography>
          <Button color="error" variant="contained" onClick={() => setDialog('account')}>
            Delete my account
          </Button>
        </Stack>
      </Stack>

      <Dialog open={dialog === 'data'} onClose={close} aria-labelledby="delete-data-title">
        <DialogTitle id="delete-data-title">Delete all your data?</DialogTitle>
        <DialogContent>
          <DialogContentText>Every habit, its history and statistics are deleted. This cannot be undone. Your account stays.</DialogContentText>
          {general && <Alert severity="error" sx={{ mt: 2 }}>{general}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit">Cancel</Button>
          <Button onClick={() => void deleteData()} color="error" variant="contained" disabled={busy}>Delete my data</Button>
        </DialogActions>
      </Dialog>

      <Dialog open={dialog === 'account'} onClose={close} aria-labelledby="delete-account-title" fullWidth maxWidth="xs">
        <DialogTitle id="delete-account-title">Delete your account?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>Your account and everything in it are deleted for good. Enter your password to confirm.</DialogContentText>
          {general && <Alert severity="error" sx={{ mb: 2 }}>{general}</Alert>}
          <PasswordField label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={!!errors.password} helperText={errors.password} autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit">Cancel</Button>
          <Button onClick={() => void deleteAccount()} color="error" variant="contained" disabled={busy || !password}>Delete my account</Button>
        </DialogActions>
      </Dialog>
    </SettingsCard>
  );
}
