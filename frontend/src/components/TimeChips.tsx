import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Chip, FormHelperText, Stack, TextField } from '@mui/material';
import { useState } from 'react';

/**
 * A short list of local "HH:MM" times as chips: pick a time, Add, delete a chip to remove it.
 * Kept sorted and without duplicates, as the API answers them; `max` caps the list.
 */
export function TimeChips({
  label,
  times,
  onChange,
  max,
  error,
  hint,
}: {
  label: string;
  times: string[];
  onChange: (times: string[]) => void;
  max: number;
  error?: string;
  hint?: string;
}) {
  const [draft, setDraft] = useState('');
  const full = times.length >= max;
  const add = () => {
    if (!draft || times.includes(draft) || full) return;
    onChange([...times, draft].sort());
    setDraft('');
  };
  return (
    <Box>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField
          type="time"
          size="small"
          label={label}
          value={draft}
          onChange={(e) => setDraft(e.target.value.slice(0, 5))}
          disabled={full}
          slotProps={{ inputLabel: { shrink: true } }}
          sx={{ minWidth: 140 }}
        />
        <Button startIcon={<AddIcon />} onClick={add} disabled={full || !draft || times.includes(draft)} aria-label={`Add ${label.toLowerCase()}`}>
          Add
        </Button>
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mt: 1 }} role="list" aria-label={`${label}s`}>
        {times.map((time) => (
          <Chip key={time} role="listitem" label={time} onDelete={() => onChange(times.filter((t) => t !== time))} />
        ))}
      </Stack>
      <FormHelperText error={!!error}>{error ?? hint ?? `Up to ${max}.`}</FormHelperText>
    </Box>
  );
}
