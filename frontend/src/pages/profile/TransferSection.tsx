import DownloadRounded from '@mui/icons-material/DownloadRounded';
import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import {
  Alert,
  Box,
  Button,
  Divider,
  LinearProgress,
  Link,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { accountApi, importsApi, toApiError } from '../../api';
import type { ExportFormat, ExportJob, ImportJob, ImportReport, ImportSource } from '../../api';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const POLL_MS = 1000;
const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'xlsx', label: 'Excel workbook (dashboard)' },
  { value: 'csv', label: 'CSV tables (zip)' },
  { value: 'json', label: 'JSON (everything, for a backup)' },
];
const SOURCES: { value: ImportSource | ''; label: string }[] = [
  { value: '', label: 'Recognise it for me' },
  { value: 'loop', label: 'Loop Habit Tracker (CSV zip)' },
  { value: 'beaver', label: 'Beaver Habit Tracker (JSON)' },
  { value: 'ours_json', label: 'Atomic Habits Tracker (JSON)' },
  { value: 'ours_xlsx', label: 'Atomic Habits Tracker (xlsx)' },
];
const FINISHED = ['succeeded', 'failed'];

function filenameFrom(disposition: string | undefined): string {
  const match = disposition && /filename="?([^";]+)"?/.exec(disposition);
  return match ? match[1] : 'atomic-habits-export';
}

function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Polls `load` until the job is finished; stops when the component goes. */
function usePolling<T extends { status: string }>(load: (() => Promise<T>) | null, onDone: (job: T) => void) {
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    if (!load) return;
    let stopped = false;
    let timer: number | undefined;
    const tick = async () => {
      try {
        const job = await load();
        if (stopped) return;
        if (FINISHED.includes(job.status)) done.current(job);
        else timer = window.setTimeout(() => void tick(), POLL_MS);
      } catch (err) {
        if (!stopped) toast(toApiError(err).message, 'error');
      }
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [load]);
}

function Report({ job }: { job: ImportJob }) {
  if (job.status === 'failed') {
    return <Alert severity="error">The import failed and changed nothing: {job.error}</Alert>;
  }
  const report = job.report as unknown as ImportReport;
  const created = report.created;
  return (
    <Stack spacing={1.5} data-testid="import-report">
      <Alert severity="success">
        Imported {created.habits ?? 0} habits with {created.check_ins ?? 0} check-ins
        {created.journal_entries ? ` and ${created.journal_entries} journal entries` : ''}.
      </Alert>
      {report.habits.length > 0 && (
        <Box>
          <Typography variant="subtitle2">Created</Typography>
          <List dense disablePadding>
            {report.habits.map((h) => (
              <ListItem key={h.id} disableGutters>
                <ListItemText primary={<Link component={RouterLink} to={`/habits/${h.id}`}>{h.name}</Link>} secondary={`${h.days} days of history`} />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {report.adjusted.length > 0 && (
        <Box>
          <Typography variant="subtitle2">Schedules changed to the nearest one we have</Typography>
          <List dense disablePadding>
            {report.adjusted.map((a) => (
              <ListItem key={a.habit} disableGutters>
                <ListItemText primary={a.habit} secondary={`${a.from} → ${a.to}`} />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {report.skipped.length > 0 && (
        <Box>
          <Typography variant="subtitle2">Skipped</Typography>
          <List dense disablePadding>
            {report.skipped.map((s, index) => (
              <ListItem key={`${s.item}-${index}`} disableGutters>
                <ListItemText primary={s.item} secondary={s.reason} />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
    </Stack>
  );
}

export function TransferSection() {
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [exporting, setExporting] = useState(false);
  const [exportJob, setExportJob] = useState<ExportJob | null>(null);
  const [exportLoader, setExportLoader] = useState<(() => Promise<ExportJob>) | null>(null);
  const [source, setSource] = useState<ImportSource | ''>('');
  const [importJob, setImportJob] = useState<ImportJob | null>(null);
  const [importLoader, setImportLoader] = useState<(() => Promise<ImportJob>) | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  usePolling(exportLoader, (job) => {
    setExportJob(job);
    setExportLoader(null);
    setExporting(false);
  });
  usePolling(importLoader, (job) => {
    setImportJob(job);
    setImportLoader(null);
  });

  const download = async () => {
    setExporting(true);
    setExportJob(null);
    try {
      const res = await accountApi.exportData(format);
      if (res.status === 202) {
        // Large: built by the server in the background; the job gives a link when ready.
        const job = JSON.parse(await res.data.text()) as ExportJob;
        setExportJob(job);
        setExportLoader(() => () => accountApi.exportJob(job.id));
        return;
      }
      save(res.data, filenameFrom(res.headers['content-disposition'] as string | undefined));
    } catch (err) {
      toast(toApiError(err).message, 'error');
    }
    setExporting(false);
  };

  const upload = async (file: File) => {
    setUploadError(null);
    setImportJob(null);
    try {
      const job = await importsApi.upload(file, source || undefined);
      setImportJob(job);
      setImportLoader(() => async () => {
        const current = await importsApi.job(job.id);
        setImportJob(current);
        return current;
      });
    } catch (err) {
      setUploadError(toApiError(err).message);
    }
  };

  const importRunning = importJob !== null && !FINISHED.includes(importJob.status);

  return (
    <SettingsCard title="Import and export" description="Bring your history from Loop or Beaver; take it away as a spreadsheet.">
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
          <TextField select size="small" label="Export as" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} sx={{ minWidth: 260 }}>
            {FORMATS.map((f) => (
              <MenuItem key={f.value} value={f.value}>{f.label}</MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" startIcon={<DownloadRounded />} onClick={() => void download()} disabled={exporting}>
            Export my data
          </Button>
        </Stack>
        {exporting && exportJob && (
          <Box>
            <Typography variant="body2" sx={{ mb: 1 }}>Your export is large: it is being built…</Typography>
            <LinearProgress />
          </Box>
        )}
        {!exporting && exportJob?.status === 'succeeded' && exportJob.download_url && (
          <Alert severity="success">
            Your export is ready: <Link href={exportJob.download_url} download>download it</Link> (the link works for a few minutes).
          </Alert>
        )}
        {!exporting && exportJob?.status === 'failed' && <Alert severity="error">{exportJob.error}</Alert>}
        <Divider />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }}>
          <TextField select size="small" label="File from" value={source} SelectProps={{ displayEmpty: true }} InputLabelProps={{ shrink: true }} onChange={(e) => setSource(e.target.value as ImportSource | '')} sx={{ minWidth: 260 }}>
            {SOURCES.map((s) => (
              <MenuItem key={s.value || 'auto'} value={s.value}>{s.label}</MenuItem>
            ))}
          </TextField>
          <Button variant="outlined" startIcon={<UploadFileRounded />} onClick={() => fileInput.current?.click()} disabled={importRunning}>
            Import a file
          </Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            aria-label="File to import"
            accept=".zip,.json,.xlsx"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </Stack>
        <Typography variant="caption" color="text.secondary">
          Imported history sends no reminders and earns no coins or achievements.
        </Typography>
        {uploadError && <Alert severity="error">{uploadError}</Alert>}
        {importRunning && importJob && (
          <Box>
            <Typography variant="body2" sx={{ mb: 1 }}>Importing {importJob.original_name}…</Typography>
            <LinearProgress variant={importJob.progress ? 'determinate' : 'indeterminate'} value={importJob.progress} />
          </Box>
        )}
        {importJob && FINISHED.includes(importJob.status) && <Report job={importJob} />}
      </Stack>
    </SettingsCard>
  );
}
