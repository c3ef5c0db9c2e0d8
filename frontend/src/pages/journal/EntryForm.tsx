import AddPhotoAlternateOutlined from '@mui/icons-material/AddPhotoAlternateOutlined';
import { Box, Button, Chip, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useState } from 'react';
import type { JournalEntry, JournalTag } from '../../api';
import { MOODS } from './moods';

export interface EntryDraft {
  mood: number | null;
  energy: number | null;
  tags: string[];
  note: string;
  date: string; // '' = today
  photo: File | null;
}

export const EMPTY_DRAFT: EntryDraft = { mood: null, energy: null, tags: [], note: '', date: '', photo: null };

export function draftOf(entry: JournalEntry): EntryDraft {
  return { mood: entry.mood, energy: entry.energy ?? null, tags: entry.tags, note: entry.note, date: entry.date, photo: null };
}

interface Props {
  initial: EntryDraft;
  tags: JournalTag[];
  busy: boolean;
  submitLabel: string;
  allowPhoto: boolean;
  onSubmit: (draft: EntryDraft) => void;
  onCreateTag: (name: string) => Promise<boolean>;
}

/** Mood faces, energy, tag chips (with a new tag), a markdown note, a date and a photo. */
export function EntryForm({ initial, tags, busy, submitLabel, allowPhoto, onSubmit, onCreateTag }: Props) {
  const [draft, setDraft] = useState<EntryDraft>(initial);
  const [newTag, setNewTag] = useState('');
  const set = (changes: Partial<EntryDraft>) => setDraft((d) => ({ ...d, ...changes }));
  const toggleTag = (name: string) =>
    set({ tags: draft.tags.some((t) => t.toLowerCase() === name.toLowerCase()) ? draft.tags.filter((t) => t.toLowerCase() !== name.toLowerCase()) : [...draft.tags, name] });
  const addTag = async () => {
    const name = newTag.trim();
    if (!name) return;
    if (tags.some((t) => t.name.toLowerCase() === name.toLowerCase()) || (await onCreateTag(name))) {
      if (!draft.tags.some((t) => t.toLowerCase() === name.toLowerCase())) set({ tags: [...draft.tags, name] });
      setNewTag('');
    }
  };

  return (
    <Stack spacing={2} component="form" onSubmit={(e) => { e.preventDefault(); if (draft.mood) onSubmit(draft); }}>
      <Box>
        <Typography variant="subtitle2" gutterBottom>How do you feel?</Typography>
        <Stack direction="row" spacing={1} role="radiogroup" aria-label="Mood">
          {MOODS.map((m) => (
            <Button
              key={m.value}
              role="radio"
              aria-checked={draft.mood === m.value}
              aria-label={`Mood ${m.value}: ${m.label}`}
              variant={draft.mood === m.value ? 'contained' : 'outlined'}
              onClick={() => set({ mood: m.value })}
              sx={{ minWidth: 0, flex: 1, py: 0.75, ...(draft.mood === m.value ? { bgcolor: m.color, '&:hover': { bgcolor: m.color } } : {}) }}
            >
              <m.Face fontSize="large" />
            </Button>
          ))}
        </Stack>
      </Box>
      <Box>
        <Typography variant="subtitle2" gutterBottom>Energy (optional)</Typography>
        <ToggleButtonGroup exclusive size="small" value={draft.energy} onChange={(_, value: number | null) => set({ energy: value })} aria-label="Energy">
          {[1, 2, 3, 4, 5].map((n) => (
            <ToggleButton key={n} value={n} aria-label={`Energy ${n}`} sx={{ px: 2 }}>{n}</ToggleButton>
          ))}
        </ToggleButtonGroup>
      </Box>
      <Box>
        <Typography variant="subtitle2" gutterBottom>Activities</Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 1 }}>
          {tags.map((tag) => {
            const on = draft.tags.some((t) => t.toLowerCase() === tag.name.toLowerCase());
            return <Chip key={tag.id} label={tag.name} color={on ? 'primary' : 'default'} variant={on ? 'filled' : 'outlined'} onClick={() => toggleTag(tag.name)} aria-pressed={on} />;
          })}
        </Stack>
        <Stack direction="row" spacing={1} alignItems="center">
          <TextField size="small" label="New tag" value={newTag} onChange={(e) => setNewTag(e.target.value.slice(0, 40))} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void addTag(); } }} />
          <Button onClick={() => void addTag()} disabled={!newTag.trim()} sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}>Add tag</Button>
        </Stack>
      </Box>
      <TextField label="Note (markdown)" multiline minRows={2} value={draft.note} onChange={(e) => set({ note: e.target.value })} />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
        <TextField size="small" type="date" label="Date" value={draft.date} onChange={(e) => set({ date: e.target.value })} helperText="Empty: today" slotProps={{ inputLabel: { shrink: true } }} />
        {allowPhoto && (
          <Button component="label" startIcon={<AddPhotoAlternateOutlined />} color="inherit">
            {draft.photo ? draft.photo.name : 'Add a photo'}
            <input hidden type="file" accept="image/jpeg,image/png,image/webp" aria-label="Photo" onChange={(e) => set({ photo: e.target.files?.[0] ?? null })} />
          </Button>
        )}
      </Stack>
      <Box>
        <Button type="submit" variant="contained" disabled={busy || !draft.mood}>{submitLabel}</Button>
      </Box>
    </Stack>
  );
}
