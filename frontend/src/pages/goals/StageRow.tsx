import ArrowDownwardOutlined from '@mui/icons-material/ArrowDownwardOutlined';
import ArrowUpwardOutlined from '@mui/icons-material/ArrowUpwardOutlined';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Box, Button, Checkbox, IconButton, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { GoalStage } from '../../api';
import { maxLengthsOf } from '../../api/limits';

const LIMITS = maxLengthsOf('GoalStageInputRequest');

interface Props {
  stage: GoalStage;
  first: boolean;
  last: boolean;
  onToggle: () => void;
  onRename: (title: string) => Promise<string | null>;
  onDelete: () => void;
  onMove: (delta: number) => void;
}

/** One stage: its tick, its title (edited in place), delete and up/down. */
export function StageRow({ stage, first, last, onToggle, onRename, onDelete, onMove }: Props) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(stage.title);
  const [error, setError] = useState<string | null>(null);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const problem = title.trim() ? await onRename(title.trim()) : 'A stage needs a title.';
    setError(problem);
    if (!problem) setEditing(false);
  };

  if (editing) {
    return (
      <Box component="form" onSubmit={save} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', py: 1, flexWrap: 'wrap' }} aria-label={`Edit stage ${stage.title}`}>
        <TextField
          size="small"
          autoFocus
          label="Stage"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={!!error}
          helperText={error}
          sx={{ flex: '1 1 200px' }}
          slotProps={{ htmlInput: { maxLength: LIMITS.title } }}
        />
        <Button type="submit" variant="contained" size="small" sx={{ mt: 0.5 }}>
          Save
        </Button>
        <Button size="small" sx={{ mt: 0.5 }} onClick={() => { setEditing(false); setTitle(stage.title); setError(null); }}>
          Cancel
        </Button>
      </Box>
    );
  }
  return (
    <Stack direction="row" alignItems="center" sx={{ py: 0.25 }}>
      <Checkbox checked={stage.is_completed} onChange={onToggle} slotProps={{ input: { 'aria-label': `Done: ${stage.title}` } }} />
      <Typography
        sx={{ flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere', textDecoration: stage.is_completed ? 'line-through' : 'none', color: stage.is_completed ? 'text.secondary' : 'text.primary' }}
      >
        {stage.title}
      </Typography>
      <Stack direction="row" sx={{ flexShrink: 0 }}>
        <IconButton size="small" disabled={first} onClick={() => onMove(-1)} aria-label={`Move up: ${stage.title}`}>
          <ArrowUpwardOutlined fontSize="small" />
        </IconButton>
        <IconButton size="small" disabled={last} onClick={() => onMove(1)} aria-label={`Move down: ${stage.title}`}>
          <ArrowDownwardOutlined fontSize="small" />
        </IconButton>
        <IconButton size="small" onClick={() => setEditing(true)} aria-label={`Edit: ${stage.title}`}>
          <EditOutlined fontSize="small" />
        </IconButton>
        <IconButton size="small" onClick={onDelete} aria-label={`Delete: ${stage.title}`}>
          <DeleteOutlined fontSize="small" />
        </IconButton>
      </Stack>
    </Stack>
  );
}
