import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import EditOutlined from '@mui/icons-material/EditOutlined';
import { Box, Button, Card, CardContent, Chip, Dialog, DialogContent, DialogTitle, IconButton, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { journalApi, toApiError, type JournalEntry } from '../../api';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { attempt } from '../goals/stageActions';
import { EMPTY_DRAFT, EntryForm, draftOf, type EntryDraft } from './EntryForm';
import { MOODS, moodOf } from './moods';
import { YearInPixels } from './YearInPixels';

interface Filters { from: string; to: string; tag: string; mood: string }
const NO_FILTERS: Filters = { from: '', to: '', tag: '', mood: '' };

function bodyOf(draft: EntryDraft) {
  return { mood: draft.mood ?? 3, energy: draft.energy, tags: draft.tags, note: draft.note, ...(draft.date ? { date: draft.date } : {}) };
}

/** The mood journal: a quick entry, the year in pixels and the entries with filters. */
export function JournalPage() {
  const [version, setVersion] = useState(0);
  const [formKey, setFormKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [year, setYear] = useState(new Date().getFullYear());
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [editing, setEditing] = useState<JournalEntry | null>(null);
  const tags = useLoad(() => journalApi.tags(), [version]);
  const stats = useLoad(() => journalApi.stats(), [version]);
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  const entries = useLoad(() => journalApi.entries({ ...query, page_size: 50 }), [version, JSON.stringify(query)]);
  const changed = () => setVersion((v) => v + 1);

  const createTag = async (name: string) => {
    try {
      await journalApi.createTag(name);
      await tags.reload();
      return true;
    } catch (err) {
      toast(toApiError(err).message, 'error');
      return false;
    }
  };

  const create = async (draft: EntryDraft) => {
    setBusy(true);
    const entry = await attempt(() => journalApi.create(bodyOf(draft)));
    if (entry && draft.photo) await attempt(() => journalApi.addPhoto(entry.id, draft.photo as File));
    setBusy(false);
    if (entry) {
      toast('Saved in your journal.');
      setFormKey((k) => k + 1);
      changed();
    }
  };

  const update = async (draft: EntryDraft) => {
    if (!editing) return;
    setBusy(true);
    const saved = await attempt(() => journalApi.update(editing.id, bodyOf(draft)));
    if (saved && draft.photo) await attempt(() => journalApi.addPhoto(saved.id, draft.photo as File));
    setBusy(false);
    if (saved) {
      setEditing(null);
      changed();
    }
  };

  const remove = async (entry: JournalEntry) => {
    if (!window.confirm(`Delete the entry of ${entry.date}?`)) return;
    if ((await attempt(() => journalApi.remove(entry.id))) === undefined) return;
    toast('Entry deleted.');
    changed();
  };

  const s = stats.data;
  const tagList = tags.data?.results ?? [];
  return (
    <Stack spacing={3}>
      <Box>
        <Typography variant="h4" component="h1">Journal</Typography>
        {s && (
          <Typography color="text.secondary" data-testid="journal-summary">
            {s.entries} {s.entries === 1 ? 'entry' : 'entries'} · streak {s.streak.current} {s.streak.current === 1 ? 'day' : 'days'}
            {s.mean_mood !== null && <> · mean mood {s.mean_mood}</>}
          </Typography>
        )}
      </Box>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }} component="section" aria-label="New entry">
        <EntryForm key={formKey} initial={EMPTY_DRAFT} tags={tagList} busy={busy} submitLabel="Save entry" allowPhoto onSubmit={(d) => void create(d)} onCreateTag={createTag} />
      </Paper>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }} component="section" aria-label="Year in pixels">
        <YearInPixels year={year} onYear={setYear} version={version} />
      </Paper>
      <Box component="section" aria-label="Entries">
        <Typography variant="h6" component="h2" gutterBottom>Entries</Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ mb: 2 }}>
          <TextField size="small" type="date" label="From" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" type="date" label="To" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField size="small" select label="Tag" value={filters.tag} onChange={(e) => setFilters({ ...filters, tag: e.target.value })} sx={{ minWidth: 140 }}>
            <MenuItem value="">Any tag</MenuItem>
            {tagList.map((t) => <MenuItem key={t.id} value={t.name}>{t.name}</MenuItem>)}
          </TextField>
          <TextField size="small" select label="Mood" value={filters.mood} onChange={(e) => setFilters({ ...filters, mood: e.target.value })} sx={{ minWidth: 140 }}>
            <MenuItem value="">Any mood</MenuItem>
            {MOODS.map((m) => <MenuItem key={m.value} value={String(m.value)}>{m.value} · {m.label}</MenuItem>)}
          </TextField>
          {filters !== NO_FILTERS && <Button onClick={() => setFilters(NO_FILTERS)}>Clear</Button>}
        </Stack>
        {entries.data?.results.length === 0 && <Typography color="text.secondary">No entries yet{filters !== NO_FILTERS ? ' for these filters' : ''}.</Typography>}
        <Stack spacing={1.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {entries.data?.results.map((entry) => <EntryCard key={entry.id} entry={entry} onEdit={() => setEditing(entry)} onDelete={() => void remove(entry)} onChanged={changed} />)}
        </Stack>
      </Box>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} fullWidth maxWidth="sm">
        <DialogTitle>Edit the entry</DialogTitle>
        <DialogContent sx={{ pt: '8px !important' }}>
          {editing && <EntryForm initial={draftOf(editing)} tags={tagList} busy={busy} submitLabel="Save changes" allowPhoto={editing.photos.length < 3} onSubmit={(d) => void update(d)} onCreateTag={createTag} />}
        </DialogContent>
      </Dialog>
    </Stack>
  );
}

function EntryCard({ entry, onEdit, onDelete, onChanged }: { entry: JournalEntry; onEdit: () => void; onDelete: () => void; onChanged: () => void }) {
  const mood = moodOf(entry.mood);
  const removePhoto = async (id: number) => {
    if ((await attempt(() => journalApi.removePhoto(id))) !== undefined) onChanged();
  };
  return (
    <Card component="li" aria-label={`Entry of ${entry.date}`} sx={{ borderLeft: `5px solid ${mood.color}` }}>
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Stack direction="row" spacing={1.5} alignItems="flex-start">
          <mood.Face role="img" aria-label={`Mood ${entry.mood}: ${mood.label}`} sx={{ fontSize: 34, color: mood.color }} />
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="subtitle2">
              {entry.date} · {entry.time.slice(0, 5)}
              {entry.energy !== null && entry.energy !== undefined && <> · energy {entry.energy}</>}
            </Typography>
            {entry.tags.length > 0 && (
              <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" sx={{ my: 0.5 }}>
                {entry.tags.map((t) => <Chip key={t} size="small" label={t} />)}
              </Stack>
            )}
            {/* note_html is rendered and sanitised by the server (markdown + nh3) */}
            {entry.note_html && <Box className="journal-note" sx={{ '& p': { my: 0.5 }, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: entry.note_html }} />}
            {entry.photos.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                {entry.photos.map((p) => (
                  <Box key={p.id} sx={{ position: 'relative' }}>
                    <a href={p.url} target="_blank" rel="noopener noreferrer"><Box component="img" src={p.url} alt={p.name} sx={{ width: 72, height: 72, objectFit: 'cover', borderRadius: 1 }} /></a>
                    <IconButton size="small" aria-label={`Remove photo ${p.name}`} onClick={() => void removePhoto(p.id)} sx={{ position: 'absolute', top: 0, right: 0, bgcolor: 'background.paper' }}><DeleteOutlined fontSize="small" /></IconButton>
                  </Box>
                ))}
              </Stack>
            )}
          </Box>
          <IconButton aria-label={`Edit the entry of ${entry.date}`} onClick={onEdit}><EditOutlined /></IconButton>
          <IconButton aria-label={`Delete the entry of ${entry.date}`} onClick={onDelete}><DeleteOutlined /></IconButton>
        </Stack>
      </CardContent>
    </Card>
  );
}
