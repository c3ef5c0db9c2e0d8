import ArchiveOutlined from '@mui/icons-material/ArchiveOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import EditOutlined from '@mui/icons-material/EditOutlined';
import MoreVert from '@mui/icons-material/MoreVert';
import PauseCircleOutline from '@mui/icons-material/PauseCircleOutline';
import PlayCircleOutline from '@mui/icons-material/PlayCircleOutline';
import UnarchiveOutlined from '@mui/icons-material/UnarchiveOutlined';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Link,
  ListItemIcon,
  Menu,
  MenuItem,
} from '@mui/material';
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { habitsApi, toApiError, type Habit } from '../api';
import { useAuth } from '../store/auth';
import { toast } from '../store/toast';
import { dependentsMessage, dependentsOf, type Dependent } from '../utils/dependents';
import { pauseText } from '../utils/schedule';
import { todayIn } from '../utils/time';
import { PauseDialog } from './PauseDialog';

interface Props {
  habit: Habit;
  onChanged: (habit: Habit | null) => void;
}

/** Edit, pause/resume, archive and delete a habit; refusals because of paired habits name those habits. */
export function HabitActions({ habit, onChanged }: Props) {
  const navigate = useNavigate();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [blockers, setBlockers] = useState<Dependent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pausing, setPausing] = useState(false);
  const paused = pauseText(habit, todayIn(useAuth((s) => s.user?.timezone) ?? 'UTC')) !== null;

  /** One of the state changes (resume, archive, unarchive), said in a toast. */
  const change = async (call: () => Promise<Habit>, done: string) => {
    setAnchor(null);
    try {
      onChanged(await call());
      toast(done);
    } catch (e) {
      const err = toApiError(e);
      toast(dependentsMessage(err) ?? err.message, 'error');
    }
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await habitsApi.remove(habit.id);
      setConfirming(false);
      toast(`“${habit.name}” is deleted.`);
      onChanged(null);
    } catch (e) {
      const err = toApiError(e);
      const deps = dependentsOf(err);
      if (deps) setBlockers(deps);
      else setError(err.message);
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setConfirming(false);
    setBlockers(null);
    setError(null);
  };

  return (
    <>
      <IconButton aria-label={`Actions for ${habit.name}`} onClick={(e) => setAnchor(e.currentTarget)}>
        <MoreVert />
      </IconButton>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => navigate(`/habits/${habit.id}/edit`)}>
          <ListItemIcon><EditOutlined fontSize="small" /></ListItemIcon>
          Edit
        </MenuItem>
        {paused ? (
          <MenuItem onClick={() => void change(() => habitsApi.resume(habit.id), `“${habit.name}” is back on.`)}>
            <ListItemIcon><PlayCircleOutline fontSize="small" /></ListItemIcon>
            Resume
          </MenuItem>
        ) : (
          <MenuItem onClick={() => { setAnchor(null); setPausing(true); }} disabled={habit.is_archived}>
            <ListItemIcon><PauseCircleOutline fontSize="small" /></ListItemIcon>
            Pause…
          </MenuItem>
        )}
        {habit.is_archived ? (
          <MenuItem onClick={() => void change(() => habitsApi.unarchive(habit.id), `“${habit.name}” is back in your lists.`)}>
            <ListItemIcon><UnarchiveOutlined fontSize="small" /></ListItemIcon>
            Unarchive
          </MenuItem>
        ) : (
          <MenuItem onClick={() => void change(() => habitsApi.archive(habit.id), `“${habit.name}” is archived: its history stays.`)}>
            <ListItemIcon><ArchiveOutlined fontSize="small" /></ListItemIcon>
            Archive
          </MenuItem>
        )}
        <MenuItem onClick={() => { setAnchor(null); setConfirming(true); }} sx={{ color: 'error.main' }}>
          <ListItemIcon><DeleteOutline fontSize="small" color="error" /></ListItemIcon>
          Delete
        </MenuItem>
      </Menu>
      {pausing && (
        <PauseDialog
          habit={habit}
          open
          onClose={() => setPausing(false)}
          onPaused={(h) => {
            setPausing(false);
            toast(`“${habit.name}” is paused.`);
            onChanged(h);
          }}
        />
      )}
      <Dialog open={confirming} onClose={close} aria-labelledby={`delete-${habit.id}`}>
        <DialogTitle id={`delete-${habit.id}`}>Delete “{habit.name}”?</DialogTitle>
        <DialogContent>
          {blockers ? (
            <Alert severity="warning">
              Useful habits are paired with this pleasant habit:{' '}
              {blockers.map((d, i) => (
                <span key={d.id}>
                  {i > 0 && ', '}
                  <Link component={RouterLink} to={`/habits/${d.id}/edit`} onClick={close}>
                    {d.name}
                  </Link>
                </span>
              ))}
              . Pair them with something else or give them a reward, then delete this one.
            </Alert>
          ) : (
            <DialogContentText>
              Its whole history and statistics are deleted with it. To keep them, archive the habit instead.
            </DialogContentText>
          )}
          {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} color="inherit">
            {blockers ? 'Close' : 'Cancel'}
          </Button>
          {!blockers && (
            <Button onClick={() => void remove()} color="error" variant="contained" disabled={busy}>
              Delete
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
