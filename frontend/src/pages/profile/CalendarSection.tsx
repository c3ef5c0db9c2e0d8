import ContentCopyRounded from '@mui/icons-material/ContentCopyRounded';
import EventRounded from '@mui/icons-material/EventRounded';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { calendarApi, toApiError } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { SettingsCard } from './SettingsCard';

const TITLE = 'Calendar';
const DESCRIPTION = 'Your habits and goal deadlines in Google Calendar, Apple Calendar or any app that subscribes to a calendar URL. Read-only: marks are made here or in the bot.';

/** The same URL with the webcal:// scheme, which calendar apps open as "subscribe". */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

/** The secret feed URL, a copy button, Regenerate (with confirmation) and how to subscribe. */
export function CalendarSection() {
  const { data, error, loading, reload } = useLoad(() => calendarApi.url(), []);
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  if (error) return <SettingsCard title={TITLE} description={DESCRIPTION}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading && !data) return <SettingsCard title={TITLE} description={DESCRIPTION}><Loading /></SettingsCard>;
  const feedUrl = url ?? data?.url;
  if (!feedUrl) return null;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feedUrl);
      toast('Calendar link copied.');
    } catch {
      toast('Copying is not allowed here: select the link and copy it.', 'error');
    }
  };

  const regenerate = async () => {
    setBusy(true);
    try {
      setUrl((await calendarApi.regenerate()).url);
      toast('New calendar link made. Subscribe to it again; the old one no longer works.');
      setConfirming(false);
    } catch (err) {
      toast(toApiError(err).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsCard title={TITLE} description={DESCRIPTION} id="calendar">
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
          <TextField
            label="Your calendar link"
            value={feedUrl}
            size="small"
            fullWidth
            slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'calendar-url', onFocus: (e: React.FocusEvent<HTMLInputElement>) => e.target.select() } }}
          />
          <Button variant="contained" startIcon={<ContentCopyRounded />} onClick={() => void copy()} sx={{ flexShrink: 0 }}>
            Copy
          </Button>
        </Stack>
        <Typography variant="body2" color="warning.dark">
          Anyone with this link can see your habits and goals. Keep it private; if it leaks, regenerate it.
        </Typography>
        <Stack spacing={1} component="ul" sx={{ pl: 2.5, my: 0 }}>
          <Typography component="li" variant="body2">
            <strong>Apple Calendar</strong> (iPhone, iPad, Mac):{' '}
            <a href={webcalUrl(feedUrl)}>open the link in Calendar</a>, or File → New Calendar Subscription and paste the link.
          </Typography>
          <Typography component="li" variant="body2">
            <strong>Google Calendar</strong> (on a computer): Other calendars → + → From URL, paste the link, Add calendar. Google refreshes it every few hours.
          </Typography>
          <Typography component="li" variant="body2">
            <strong>Outlook and others</strong>: add a calendar "from the internet" or "by URL" and paste the link.
          </Typography>
        </Stack>
        <Stack direction="row" spacing={1.5} flexWrap="wrap" useFlexGap>
          <Button variant="outlined" startIcon={<EventRounded />} href={webcalUrl(feedUrl)}>
            Subscribe
          </Button>
          <Button color="warning" onClick={() => setConfirming(true)} disabled={busy}>
            Regenerate link
          </Button>
        </Stack>
      </Stack>
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="calendar-regenerate-title">
        <DialogTitle id="calendar-regenerate-title">Make a new calendar link?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The current link stops working at once: every calendar subscribed to it stops updating until you subscribe to the new one.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button color="warning" variant="contained" onClick={() => void regenerate()} disabled={busy}>
            Regenerate
          </Button>
        </DialogActions>
      </Dialog>
    </SettingsCard>
  );
}
