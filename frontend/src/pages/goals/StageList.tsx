import { Box, Button, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { goalsApi, splitErrors, toApiError, type GoalStage } from '../../api';
import { maxLengthsOf } from '../../api/limits';
import { moveItem } from '../../utils/goals';
import { attempt } from './stageActions';
import { StageRow } from './StageRow';

const LIMITS = maxLengthsOf('GoalStageInputRequest');

interface Props {
  goalId: number;
  stages: GoalStage[];
  setStages: (stages: GoalStage[]) => void;
  /** A change that moves the goal's progress or completion: the page reloads the goal. */
  onProgress: () => void;
}

/** The goal's stages: tick, add, rename in place, delete and reorder with up/down. */
export function StageList({ goalId, stages, setStages, onProgress }: Props) {
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const replace = (stage: GoalStage) => setStages(stages.map((s) => (s.id === stage.id ? stage : s)));

  const toggle = async (stage: GoalStage) => {
    const mark = await attempt(() => (stage.is_completed ? goalsApi.uncompleteStage(goalId, stage.id) : goalsApi.completeStage(goalId, stage.id)));
    if (mark) {
      replace(mark.stage);
      onProgress();
    }
  };

  const rename = async (stage: GoalStage, newTitle: string): Promise<string | null> => {
    try {
      replace(await goalsApi.updateStage(goalId, stage.id, { title: newTitle }));
      return null;
    } catch (err) {
      const split = splitErrors(toApiError(err), ['title']);
      return split.fields.title ?? split.general;
    }
  };

  const remove = async (stage: GoalStage) => {
    if ((await attempt(() => goalsApi.removeStage(goalId, stage.id))) === undefined) return;
    setStages(stages.filter((s) => s.id !== stage.id));
    onProgress();
  };

  const move = async (index: number, delta: number) => {
    const next = moveItem(stages, index, delta);
    if (next === stages) return;
    setStages([...next]); // at once; the server's order replaces it
    const saved = await attempt(() => goalsApi.reorderStages(goalId, next.map((s) => s.id)));
    setStages(saved ?? stages);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setError('A stage needs a title.');
    setBusy(true);
    try {
      const stage = await goalsApi.addStage(goalId, { title: title.trim() });
      setStages([...stages, stage]);
      setTitle('');
      setError(null);
      onProgress();
    } catch (err) {
      const split = splitErrors(toApiError(err), ['title']);
      setError(split.fields.title ?? split.general);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box>
      {stages.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 1 }}>
          No stages yet. Break the goal into steps you can tick off.
        </Typography>
      ) : (
        <List disablePadding aria-label="Stages">
          {stages.map((stage, index) => (
            <ListItem key={stage.id} disablePadding divider sx={{ display: 'block' }}>
              <StageRow
                stage={stage}
                first={index === 0}
                last={index === stages.length - 1}
                onToggle={() => void toggle(stage)}
                onRename={(t) => rename(stage, t)}
                onDelete={() => void remove(stage)}
                onMove={(delta) => void move(index, delta)}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Stack component="form" direction="row" spacing={1} alignItems="flex-start" onSubmit={add} sx={{ mt: 1.5 }} aria-label="Add a stage">
        <TextField
          size="small"
          label="New stage"
          name="title"
          value={title}
          onChange={(e) => { setTitle(e.target.value); setError(null); }}
          error={!!error}
          helperText={error}
          sx={{ flexGrow: 1 }}
          slotProps={{ htmlInput: { maxLength: LIMITS.title } }}
        />
        <Button type="submit" variant="outlined" disabled={busy} sx={{ mt: 0.25 }}>
          Add
        </Button>
      </Stack>
    </Box>
  );
}
