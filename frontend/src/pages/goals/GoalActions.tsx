import { Button, Stack } from '@mui/material';
import { goalsApi, type Goal } from '../../api';
import { toast } from '../../store/toast';
import { attempt } from './stageActions';

interface Props {
  goal: Goal;
  onChanged: (goal: Goal) => void;
  onEdit: () => void;
  onDeleted: () => void;
}

/** Edit, complete or reopen, archive or unarchive, delete. */
export function GoalActions({ goal, onChanged, onEdit, onDeleted }: Props) {
  const act = async (call: () => Promise<Goal>, message: string) => {
    const next = await attempt(call);
    if (next) {
      onChanged(next);
      toast(message);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete “${goal.title}” with its stages and files?`)) return;
    if ((await attempt(() => goalsApi.remove(goal.id))) !== undefined) onDeleted();
  };
  // a goal with stages completes and reopens by its stages; only one without can be done by hand
  const byHand = goal.stages_count === 0;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      <Button variant="outlined" onClick={onEdit}>
        Edit
      </Button>
      {byHand && !goal.is_completed && (
        <Button variant="outlined" onClick={() => void act(() => goalsApi.complete(goal.id), 'Goal completed.')}>
          Mark completed
        </Button>
      )}
      {byHand && goal.is_completed && (
        <Button variant="outlined" onClick={() => void act(() => goalsApi.reopen(goal.id), 'Goal reopened.')}>
          Reopen
        </Button>
      )}
      {goal.is_archived ? (
        <Button variant="outlined" onClick={() => void act(() => goalsApi.unarchive(goal.id), 'Goal back among your goals.')}>
          Unarchive
        </Button>
      ) : (
        <Button variant="outlined" onClick={() => void act(() => goalsApi.archive(goal.id), 'Goal archived.')}>
          Archive
        </Button>
      )}
      <Button color="error" onClick={() => void remove()}>
        Delete
      </Button>
    </Stack>
  );
}
