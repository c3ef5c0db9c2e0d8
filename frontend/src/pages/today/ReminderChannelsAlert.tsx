import { Alert, Button, Stack } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { notificationsApi } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { reminderProblem } from '../../utils/reminderChannels';

/** Says on Today when no reminder channel can reach the user (issue 12, item 17). Quiet while it
 *  loads or when the settings cannot be read: it is advice, not part of the day's list. */
export function ReminderChannelsAlert() {
  const { data } = useLoad(() => notificationsApi.settings(), []);
  if (!data || !Array.isArray(data.delivering_channels)) return null;
  const problem = reminderProblem(data);
  if (!problem) return null;
  return (
    <Alert
      severity={problem.severity}
      sx={{ mb: 2 }}
      action={
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={0.5} alignItems="flex-end">
          {problem.offerPush && (
            <Button color="inherit" size="small" component={RouterLink} to="/profile#push">
              Turn on notifications
            </Button>
          )}
          <Button color="inherit" size="small" component={RouterLink} to="/profile#notifications">
            Notification settings
          </Button>
        </Stack>
      }
    >
      {problem.message}
    </Alert>
  );
}
