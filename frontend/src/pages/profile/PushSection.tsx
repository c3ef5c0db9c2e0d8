import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import NotificationsActiveRounded from '@mui/icons-material/NotificationsActiveRounded';
import {
  Alert,
  Button,
  Chip,
  FormControlLabel,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  Switch,
  Typography,
} from '@mui/material';
import { isAxiosError } from 'axios';
import { useEffect, useState } from 'react';
import { notificationsApi, pushApi, toApiError } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { currentSubscription, pushUnsupportedReason, subscribeThisBrowser } from '../../utils/push';
import { SettingsCard } from './SettingsCard';

const TITLE = 'Notifications on this device';
const DESCRIPTION = 'Reminders as notifications of this browser or phone, with Done and Skip right on them. Each device you turn on is listed here.';
export const PUSH_SECTION_ID = 'push';

async function loadPush() {
  try {
    const { public_key: publicKey } = await pushApi.publicKey();
    const [devices, settings, mine] = await Promise.all([pushApi.devices(), notificationsApi.settings(), currentSubscription()]);
    return { enabled: true as const, publicKey, devices: devices.results, settings, endpoint: mine?.endpoint ?? null };
  } catch (err) {
    if (toApiError(err).code === 'push_disabled') return { enabled: false as const };
    throw err;
  }
}

const added = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** Turns push on for this browser (permission, subscribe, register), lists the devices, tests. */
export function PushSection() {
  const { data, error, loading, reload, setData } = useLoad(loadPush, []);
  const [busy, setBusy] = useState(false);
  const unsupported = pushUnsupportedReason();
  const shown = !!data;
  useEffect(() => {
    // Today's alert offers push with a link here (/profile#push).
    if (shown && window.location.hash === `#${PUSH_SECTION_ID}`) document.getElementById(PUSH_SECTION_ID)?.scrollIntoView?.({ block: 'start' });
  }, [shown]);

  if (error) return <SettingsCard title={TITLE} description={DESCRIPTION} id={PUSH_SECTION_ID}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading && !data) return <SettingsCard title={TITLE} description={DESCRIPTION} id={PUSH_SECTION_ID}><Loading /></SettingsCard>;
  if (!data) return null;
  if (!data.enabled) {
    return (
      <SettingsCard title={TITLE} description={DESCRIPTION} id={PUSH_SECTION_ID}>
        <Alert severity="info">Push notifications are not set up on this server (it has no VAPID keys). Whoever runs it can turn them on.</Alert>
      </SettingsCard>
    );
  }

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      // the browser's refusals are Errors with a sentence; the API's go through toApiError
      toast(isAxiosError(err) ? toApiError(err).message : err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const thisDevice = data.devices.find((d) => d.endpoint === data.endpoint);
  const turnOn = () =>
    act(async () => {
      const body = await subscribeThisBrowser(data.publicKey);
      await pushApi.subscribe(body);
      toast('Notifications are on for this device.');
      await reload();
    });
  const remove = (id: number, mine: boolean) =>
    act(async () => {
      await pushApi.remove(id);
      if (mine) await (await currentSubscription())?.unsubscribe();
      toast(mine ? 'Notifications are off for this device.' : 'Device removed.');
      await reload();
    });
  const test = () =>
    act(async () => {
      const result = await pushApi.test();
      const gone = result.removed ? ` ${result.removed} expired device${result.removed > 1 ? 's were' : ' was'} removed.` : '';
      const failed = result.failed ? ` ${result.failed} could not be reached.` : '';
      toast(`Test sent to ${result.sent} device${result.sent === 1 ? '' : 's'}.${gone}${failed}`, result.sent ? 'success' : 'error');
      if (result.removed) await reload();
    });
  const setEnabled = (pushEnabled: boolean) =>
    act(async () => {
      // the other settings as the server has them now, so that this switch changes only itself
      const current = await notificationsApi.settings();
      const saved = await notificationsApi.saveSettings({
        telegram_enabled: current.telegram_enabled,
        email_enabled: current.email_enabled,
        push_enabled: pushEnabled,
        quiet_hours_start: current.quiet_hours_start,
        quiet_hours_end: current.quiet_hours_end,
        digest_time: current.digest_time,
      });
      setData({ ...data, settings: saved });
      toast(pushEnabled ? 'Reminders go to your devices.' : 'Reminders no longer go to your devices.');
    });

  return (
    <SettingsCard title={TITLE} description={DESCRIPTION} id={PUSH_SECTION_ID}>
      <Stack spacing={2}>
        {unsupported && <Alert severity="info">{unsupported}</Alert>}
        <FormControlLabel
          control={<Switch checked={data.settings.push_enabled} onChange={(e) => void setEnabled(e.target.checked)} disabled={busy} />}
          label="Send reminders to my devices"
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
          {!unsupported && !thisDevice && (
            <Button variant="contained" startIcon={<NotificationsActiveRounded />} onClick={() => void turnOn()} disabled={busy}>
              Turn on for this device
            </Button>
          )}
          {data.devices.length > 0 && (
            <Button variant="outlined" onClick={() => void test()} disabled={busy}>
              Send a test notification
            </Button>
          )}
        </Stack>
        {data.devices.length === 0 ? (
          <Typography variant="body2" color="text.secondary">No device receives notifications yet.</Typography>
        ) : (
          <List dense disablePadding aria-label="Devices with notifications">
            {data.devices.map((device) => {
              const mine = device.id === thisDevice?.id;
              return (
                <ListItem
                  key={device.id}
                  disableGutters
                  secondaryAction={
                    <IconButton edge="end" aria-label={`Remove ${device.user_agent || 'device'}`} onClick={() => void remove(device.id, mine)} disabled={busy}>
                      <DeleteOutlineRounded />
                    </IconButton>
                  }
                >
                  <ListItemText
                    primary={
                      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
                        <span>{device.user_agent || 'A browser'}</span>
                        {mine && <Chip size="small" color="primary" label="This device" />}
                      </Stack>
                    }
                    secondary={`Added ${added(device.created_at)}`}
                  />
                </ListItem>
              );
            })}
          </List>
        )}
      </Stack>
    </SettingsCard>
  );
}
