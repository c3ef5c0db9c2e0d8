import { Alert, Snackbar } from '@mui/material';
import { useToast } from '../store/toast';

export function Toaster() {
  const { message, severity, key, hide } = useToast();
  return (
    <Snackbar
      key={key}
      open={message !== null}
      autoHideDuration={4000}
      onClose={(_, reason) => reason !== 'clickaway' && hide()}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      sx={{ bottom: { xs: 80, md: 24 } }}
    >
      <Alert severity={severity} variant="filled" onClose={hide} sx={{ width: '100%' }}>
        {message}
      </Alert>
    </Snackbar>
  );
}
