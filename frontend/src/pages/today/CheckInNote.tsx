import EditNoteOutlined from '@mui/icons-material/EditNoteOutlined';
import { Box, Button, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { instancesApi } from '../../api';
import { attempt } from '../goals/stageActions';

const NOTE_MAX = 1000; // habit_instances.models.NOTE_MAX_LENGTH

/** A check-in's note: one quiet line under the habit, a small button to write or change it. */
export function CheckInNote({ instanceId, habitName, initial }: { instanceId: number; habitName: string; initial: string }) {
  const [note, setNote] = useState(initial);
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (draft === null) return;
    setBusy(true);
    const saved = await attempt(() => instancesApi.note(instanceId, draft.trim()));
    setBusy(false);
    if (saved) {
      setNote(saved.note);
      setDraft(null);
    }
  };

  if (draft !== null) {
    return (
      <Stack direction="row" spacing={1} alignItems="flex-start" sx={{ mt: 1 }}>
        <TextField
          size="small"
          fullWidth
          autoFocus
          multiline
          maxRows={4}
          label="Note"
          value={draft}
          onChange={(e) => setDraft(e.target.value.slice(0, NOTE_MAX))}
          slotProps={{ htmlInput: { 'aria-label': `Note on ${habitName}` } }}
        />
        <Button size="small" variant="contained" onClick={() => void save()} disabled={busy}>
          Save
        </Button>
        <Button size="small" color="inherit" onClick={() => setDraft(null)} disabled={busy}>
          Cancel
        </Button>
      </Stack>
    );
  }
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mt: 0.25 }}>
      {note && (
        <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic', overflowWrap: 'anywhere' }} data-testid="checkin-note">
          “{note}”
        </Typography>
      )}
      <Tooltip title={note ? 'Edit the note' : 'Add a note'}>
        <IconButton size="small" onClick={() => setDraft(note)} aria-label={`${note ? 'Edit the note on' : 'Add a note to'} ${habitName}`}>
          <EditNoteOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
