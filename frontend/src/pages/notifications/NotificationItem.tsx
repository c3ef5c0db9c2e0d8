import { Box, Button, Link, ListItem, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { instancesApi, toApiError, type Notification } from '../../api';
import { refusal } from '../../hooks/useMarkDay';
import { toast } from '../../store/toast';
import { formatDateTime } from '../../utils/time';

interface Props {
  notification: Notification;
  timeZone: string;
  divider: boolean;
  onRead: () => void;
}

/** One notification; a reminder can be answered right here, like its Telegram buttons. */
export function NotificationItem({ notification: n, timeZone, divider, onRead }: Props) {
  const [answered, setAnswered] = useState(false);
  const unread = n.read_at === null;
  const { instance_id: instanceId, habit_id: habitId, goal_id: goalId, actions = [] } = n.payload;

  const answer = async (action: 'done' | 'skip') => {
    if (!instanceId) return;
    try {
      if (action === 'done') await instancesApi.complete(instanceId);
      else await instancesApi.fail(instanceId);
      const undo = () =>
        instancesApi.undo(instanceId).then(
          () => {
            setAnswered(false);
            toast('Undone.', 'info');
          },
          (err: unknown) => toast(refusal(err), 'error'),
        );
      // The reminder's "skip" is the bot's: it records the day as not done (missed).
      toast(action === 'done' ? 'Done! Nice work.' : 'Marked not done. Never miss twice.', action === 'done' ? 'success' : 'info', { label: 'Undo', run: () => void undo() });
    } catch (err) {
      toast(toApiError(err).message, 'warning');
    }
    setAnswered(true);
    if (unread) onRead();
  };

  return (
    <ListItem divider={divider} sx={{ alignItems: 'flex-start', py: 1.5, bgcolor: unread ? 'rgba(229,154,59,0.06)' : undefined }}>
      <Box aria-hidden sx={{ width: 10, height: 10, borderRadius: '50%', mt: 0.9, mr: 2, flexShrink: 0, bgcolor: unread ? 'secondary.main' : 'transparent' }} />
      <Box sx={{ flexGrow: 1, minWidth: 0 }}>
        <Typography fontWeight={unread ? 700 : 500}>
          {n.title}
          {unread && <Box component="span" sx={{ position: 'absolute', left: -9999 }}> (unread)</Box>}
        </Typography>
        {/* pre-line: a digest's habits and an AI breakdown's proposed stages are one a line */}
        {n.body && <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'pre-line' }}>{n.body}</Typography>}
        <Typography variant="caption" color="text.secondary">{formatDateTime(n.created_at, timeZone)}</Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }} alignItems="center">
          {!answered && instanceId && actions.includes('done') && (
            <Button size="small" variant="contained" onClick={() => void answer('done')}>Done</Button>
          )}
          {!answered && instanceId && actions.includes('skip') && (
            <Button size="small" variant="outlined" color="inherit" onClick={() => void answer('skip')}>Not done</Button>
          )}
          {habitId && (
            <Link component={RouterLink} to={`/habits/${habitId}`} variant="body2" onClick={unread ? onRead : undefined}>
              Open habit
            </Link>
          )}
          {goalId && (
            <Link component={RouterLink} to={`/goals/${goalId}`} variant="body2" onClick={unread ? onRead : undefined}>
              Open goal
            </Link>
          )}
          {unread && <Button size="small" onClick={onRead}>Mark as read</Button>}
        </Stack>
      </Box>
    </ListItem>
  );
}
