import DownloadRounded from '@mui/icons-material/DownloadRounded';
import { Button, FormControl, InputLabel, List, ListItem, ListItemText, MenuItem, Select, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { archivesApi, toApiError, type ArchiveFrequency } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const TITLE = 'Automatic archives';
const FREQUENCIES: { value: ArchiveFrequency; label: string }[] = [
  { value: 'off', label: 'Off' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
];

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The schedule of the user's own data archives (the export, made for them) and the archives kept. */
export function ArchivesSection() {
  const { data, error, loading, reload } = useLoad(async () => {
    const [schedule, archives] = await Promise.all([archivesApi.schedule(), archivesApi.list()]);
    return { schedule, archives: archives.results };
  }, []);
  const [frequency, setFrequency] = useState<ArchiveFrequency | null>(null);
  const [saving, setSaving] = useState(false);

  const description = `A copy of everything you keep here (the same file as "Export my data"), made for you on a schedule and kept ${data?.schedule.keep_days ?? 7} days.`;
  if (error) return <SettingsCard title={TITLE} description={description}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading && !data) return <SettingsCard title={TITLE} description={description}><Loading /></SettingsCard>;
  if (!data) return null;
  const current = frequency ?? data.schedule.frequency;

  const change = async (next: ArchiveFrequency) => {
    setSaving(true);
    try {
      setFrequency((await archivesApi.setSchedule(next)).frequency);
      toast(next === 'off' ? 'Automatic archives are off.' : 'Archive schedule saved.');
    } catch (err) {
      toast(toApiError(err).message, 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <SettingsCard title={TITLE} description={description} id="archives">
      <Stack spacing={2}>
        <FormControl size="small" sx={{ maxWidth: 260 }}>
          <InputLabel id="archive-frequency-label">Make an archive</InputLabel>
          <Select
            labelId="archive-frequency-label"
            label="Make an archive"
            value={current}
            disabled={saving}
            onChange={(e) => void change(e.target.value as ArchiveFrequency)}
            data-testid="archive-frequency"
          >
            {FREQUENCIES.map((option) => (
              <MenuItem key={option.value} value={option.value}>{option.label}</MenuItem>
            ))}
          </Select>
        </FormControl>
        {data.archives.length === 0 ? (
          <Typography variant="body2" color="text.secondary">No archives yet.</Typography>
        ) : (
          <List dense disablePadding aria-label="Your archives">
            {data.archives.map((archive) => (
              <ListItem
                key={archive.id}
                disableGutters
                secondaryAction={
                  <Button size="small" startIcon={<DownloadRounded />} href={archive.download_url} download>
                    Download
                  </Button>
                }
              >
                <ListItemText
                  primary={new Date(archive.created_at).toLocaleString()}
                  secondary={`${sizeText(archive.size)} · kept until ${new Date(archive.expires_at).toLocaleDateString()}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Stack>
    </SettingsCard>
  );
}
