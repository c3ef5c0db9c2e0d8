import CloseRounded from '@mui/icons-material/CloseRounded';
import EmojiEvents from '@mui/icons-material/EmojiEvents';
import { Alert, AlertTitle, Button, IconButton, Snackbar } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { type Achievement } from '../api';
import { useAchievements } from '../store/achievements';
import { useWallet } from '../store/wallet';

const SHOW_MS = 8000;

/**
 * "Achievement earned" as a toast of its own (at the top, so the mark's Undo toast at the bottom
 * stays reachable). Checks on every navigation and after marks (store/achievements); once shown,
 * the achievements are reported seen so they are toasted once.
 */
export function AchievementToast() {
  const { fresh, check, markShown } = useAchievements();
  const { pathname } = useLocation();
  const [showing, setShowing] = useState<Achievement[]>([]);

  useEffect(() => {
    void check();
  }, [check, pathname]);

  useEffect(() => {
    if (showing.length === 0 && fresh.length > 0) {
      setShowing(fresh);
      void markShown(fresh);
      void useWallet.getState().refresh(); // each one paid its tier's bonus
    }
  }, [fresh, showing, markShown]);

  const close = () => setShowing([]);
  const [first, ...more] = showing;
  return (
    <Snackbar
      open={showing.length > 0}
      autoHideDuration={SHOW_MS}
      onClose={(_, reason) => reason !== 'clickaway' && close()}
      anchorOrigin={{ vertical: 'top', horizontal: 'center' }}
      sx={{ top: { xs: 64, md: 72 } }}
    >
      <Alert
        severity="success"
        variant="filled"
        icon={<EmojiEvents />}
        onClose={close}
        data-testid="achievement-toast"
        action={
          // Alert drops its own close button when given an action: the action brings one along.
          <>
            <Button component={RouterLink} to="/achievements" onClick={close} color="inherit" size="small" variant="outlined">
              See all
            </Button>
            <IconButton color="inherit" size="small" aria-label="Close" onClick={close} sx={{ ml: 0.5 }}>
              <CloseRounded fontSize="small" />
            </IconButton>
          </>
        }
        sx={{ width: '100%', alignItems: 'center' }}
      >
        <AlertTitle sx={{ mb: 0 }}>Achievement earned: {first?.name}</AlertTitle>
        {more.length > 0 ? `and ${more.length} more: ${more.map((a) => a.name).join(', ')}` : first?.description}
      </Alert>
    </Snackbar>
  );
}
