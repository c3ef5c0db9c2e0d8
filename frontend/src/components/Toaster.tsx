import CloseRounded from '@mui/icons-material/CloseRounded';
import { Alert, Button, IconButton, Snackbar } from '@mui/material';
import { useToast } from '../store/toast';

/** Long enough to reach for Undo; a plain message goes sooner. */
const WITH_ACTION_MS = 8000;
const PLAIN_MS = 4000;

export function Toaster() {
  const { message, severity, action, key, hide } = useToast();
  return (
    <Snackbar
      key={key}
      open={message !== null}
      autoHideDuration={action ? WITH_ACTION_MS : PLAIN_MS}
      onClose={(_, reason) => reason !== 'clickaway' && hide()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      sx={{ bottom: { xs: 80, md: 24 } }}
    >
      <Alert
        severity={severity}
        variant="filled"
        onClose={hide}
        sx={{ width: '100%', alignItems: 'center' }}
        action={
          // Alert drops its own close button when given an action: the action brings one along.
          action ? (
            <>
              <Button
                color="inherit"
                size="small"
                variant="outlined"
                onClick={() => {
                  hide();
                  action.run();
                }}
              >
                {action.label}
              </Button>
              <IconButton color="inherit" size="small" aria-label="Close" onClick={hide} sx={{ ml: 0.5 }}>
                <CloseRounded fontSize="small" />
              </IconButton>
            </>
          ) : undefined
        }
      >
        {message}
      </Alert>
    </Snackbar>
  );
}
