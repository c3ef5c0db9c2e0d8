import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSubmit } from '../../hooks/useSubmit';
import { useAuth } from '../../store/auth';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const NO_FIELDS = [] as const;

/** Signs out every device of the account at once (POST auth/logout/ with `everywhere`). */
export function SessionsSection() {
  const navigate = useNavigate();
  const signOutEverywhere = useAuth((s) => s.signOutEverywhere);
  const [confirming, setConfirming] = useState(false);
  const { general, setGeneral, busy, run } = useSubmit(NO_FIELDS);

  const close = () => {
    setConfirming(false);
    setGeneral(null);
  };

  const confirm = async () => {
    if (await run(signOutEverywhere)) {
      toast('Signed out on every device, this one included.');
      navigate('/signin');
    }
  };

  return (
    <SettingsCard title="Devices" description="Signed in on a phone you lost or a computer you shared? End every session at once, this one included.">
      <Button variant="outlined" onClick={() => setConfirming(true)}>
        Sign out on all devices
      </Button>
      <Dialog open={confirming} onClose={close} aria-labelledby="sign-out-everywhere-title">
        <DialogTitle id="sign-out-everywhere-title">Sign out on all devices?</DialogTitle>
        <DialogContent>
          <DialogContentText>Every device signed in to your account, this one too, will ask for your password again. Telegram stays connected.</DialogContentText>
          {general && <Alert severity="error" sx={{ mt: 2 }}>{general}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit">Cancel</Button>
          <Button onClick={() => void confirm()} variant="contained" disabled={busy}>Sign out everywhere</Button>
        </DialogActions>
      </Dialog>
    </SettingsCard>
  );
}
