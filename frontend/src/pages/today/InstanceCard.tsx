import CheckRounded from '@mui/icons-material/CheckRounded';
import CloseRounded from '@mui/icons-material/CloseRounded';
import DoNotDisturbOnOutlined from '@mui/icons-material/DoNotDisturbOnOutlined';
import UndoRounded from '@mui/icons-material/UndoRounded';
import { CheckInNote } from './CheckInNote';
import { Box, Button, Card, CardContent, Link, Stack, Tooltip, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import type { Instance } from '../../api';
import { StatusChip } from '../../components/StatusChip';
import { Streak } from '../../components/Streak';
import { instanceState, isOpen, STATE_META, type InstanceState } from '../../utils/instanceState';
import { isUndoable, MARK_TEXT, type Choice } from '../../utils/marking';
import { formatTime, timeLeft } from '../../utils/time';

interface Props {
  instance: Instance;
  timeZone: string;
  now: number;
  busy: boolean;
  /** A mark, or `clear` to take today's mark back (Undo). */
  onMark: (choice: Choice) => void;
}

function Deadlines({ instance, state, timeZone, now }: Pick<Props, 'instance' | 'timeZone' | 'now'> & { state: InstanceState }) {
  const until = (iso: string) => timeLeft(iso, now) ?? 'less than a minute';
  switch (state) {
    case 'completed':
    case 'completed_late':
      return <>Done at {formatTime(instance.completed_at ?? instance.grace_deadline, timeZone)}</>;
    case 'scheduled':
      return <>On time until {formatTime(instance.grace_deadline, timeZone)} · late until {formatTime(instance.fix_deadline, timeZone)}</>;
    case 'pending':
      return <>{until(instance.grace_deadline)} left on time · {until(instance.fix_deadline)} left to fix it late (until {formatTime(instance.fix_deadline, timeZone)})</>;
    case 'late':
      return <>{until(instance.fix_deadline)} left to fix it (until {formatTime(instance.fix_deadline, timeZone)})</>;
    case 'fix_expired':
      return <>The fix window has closed</>;
    default:
      return null;
  }
}

export function InstanceCard({ instance, timeZone, now, busy, onMark }: Props) {
  const { habit } = instance;
  const state = instanceState(instance, now);
  const open = isOpen(state);
  const accent = STATE_META[state].color;
  const pairing = habit.related_pleasant_habit_name
    ? `then enjoy: ${habit.related_pleasant_habit_name}`
    : habit.reward_text
      ? `reward: ${habit.reward_text}`
      : null;

  return (
    <Card component="article" aria-label={habit.name} sx={{ borderLeft: `5px solid ${accent}`, opacity: open ? 1 : 0.92 }}>
      <CardContent sx={{ display: 'flex', gap: 2, alignItems: { sm: 'center' }, flexDirection: { xs: 'column', sm: 'row' }, '&:last-child': { pb: 2 } }}>
        <Box sx={{ minWidth: 64 }}>
          <Typography variant="h6" component="p" sx={{ lineHeight: 1 }}>
            {formatTime(instance.scheduled_at, timeZone)}
          </Typography>
        </Box>
        <Box sx={{ flexGrow: 1, minWidth: 0 }}>
          <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
            <Link component={RouterLink} to={`/habits/${habit.id}`} variant="subtitle1" color="text.primary" underline="hover">
              {habit.name}
            </Link>
            <StatusChip status={state} />
            <Streak days={habit.current_streak} />
          </Stack>
          <Typography color="text.secondary" variant="body2">
            I will {habit.action} in {habit.place}
            {pairing && <> · {pairing}</>}
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5, color: state === 'fix_expired' ? 'error.main' : 'text.secondary' }}>
            <Deadlines instance={instance} state={state} timeZone={timeZone} now={now} />
          </Typography>
          <CheckInNote key={instance.id} instanceId={instance.id} habitName={habit.name} initial={instance.note ?? ''} />
        </Box>
        {isUndoable(instance, now) && (
          <Tooltip describeChild title="Take the mark back while the fix window is open">
            <Button color="inherit" size="small" startIcon={<UndoRounded />} onClick={() => onMark('clear')} disabled={busy} aria-label={`Undo: ${habit.name}`} sx={{ flexShrink: 0, alignSelf: { xs: 'flex-start', sm: 'center' } }}>
              Undo
            </Button>
          </Tooltip>
        )}
        {open && (
          <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ flexShrink: 0 }}>
            <Button variant="contained" startIcon={<CheckRounded />} onClick={() => onMark('completed')} disabled={busy} aria-label={`Done: ${habit.name}`}>
              Done
            </Button>
            <Tooltip describeChild title={MARK_TEXT.missed.help}>
              <Button variant="outlined" color="inherit" startIcon={<CloseRounded />} onClick={() => onMark('missed')} disabled={busy} aria-label={`Not done: ${habit.name}`}>
                Not done
              </Button>
            </Tooltip>
            <Tooltip describeChild title={MARK_TEXT.skipped.help}>
              <Button color="inherit" startIcon={<DoNotDisturbOnOutlined />} onClick={() => onMark('skipped')} disabled={busy} aria-label={`Skip (excused): ${habit.name}`}>
                Skip (excused)
              </Button>
            </Tooltip>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
