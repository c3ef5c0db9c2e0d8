import OpenInNewRounded from '@mui/icons-material/OpenInNewRounded';
import TelegramIcon from '@mui/icons-material/Telegram';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { telegramApi, toApiError, type BindCode } from '../../api';
import { ErrorState, Loading } from '../../components/PageState';
import { useLoad } from '../../hooks/useLoad';
import { toast } from '../../store/toast';
import { formatDateTime, formatTime } from '../../utils/time';
import { SettingsCard } from './SettingsCard';

const POLL_MS = 4000;

/** Binding to the Telegram bot; hidden entirely when this server has no Telegram API. */
export function TelegramSection({ timeZone }: { timeZone: string }) {
  const { data: status, error, loading, reload } = useLoad(() => telegramApi.status(), []);
  const [code, setCode] = useState<BindCode | null>(null);
  const [busy, setBusy] = useState(false);

  // While a live code is shown, watch for the bot to report the binding; an expired code cannot bind,
  // so the polling stops with it instead of running for as long as the page stays open.
  useEffect(() => {
    if (!code || status?.is_bound) return;
    const expires = new Date(code.expires_at).getTime();
    if (Date.now() >= expires) return;
    const timer = window.setInterval(() => {
      if (Date.now() >= expires) window.clearInterval(timer);
      else void reload();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [code, status?.is_bound, reload]);

  if (error?.status === 404) return null;
  const description = 'Get reminders in Telegram and mark habits done with one tap.';
  if (error) return <SettingsCard title="Telegram" description={description}><ErrorState error={error} onRetry={reload} /></SettingsCard>;
  if (loading && !status) return <SettingsCard title="Telegram" description={description}><Loading /></SettingsCard>;
  if (!status) return null;

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      toast(toApiError(err).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const newCode = () => act(async () => setCode(await telegramApi.bindCode()));
  const unbind = () =>
    act(async () => {
      await telegramApi.unbind();
      setCode(null);
      toast('Telegram is disconnected.');
      await reload();
    });

  return (
    <SettingsCard title="Telegram" description={description}>
      {!status.enabled ? (
        <Alert severity="info">The Telegram bot is not set up on this server. Ask its administrator to add a bot token.</Alert>
      ) : status.is_bound ? (
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} alignItems={{ sm: 'center' }} justifyContent="space-between">
          <Stack direction="row" spacing={1.5} alignItems="center">
            <TelegramIcon sx={{ color: '#229ED9', fontSize: 36 }} />
            <Box>
              <Typography fontWeight={600}>Connected{status.telegram_username ? ` as @${status.telegram_username}` : ''}</Typography>
              {status.bound_at && <Typography variant="body2" color="text.secondary">since {formatDateTime(status.bound_at, timeZone)}</Typography>}
              {!status.is_active && (
                <Typography variant="body2" color="warning.dark">
                  Telegram reports the chat as blocked or gone. Unblock the bot, or disconnect and connect again.
                </Typography>
              )}
            </Box>
          </Stack>
          <Button color="error" variant="outlined" onClick={() => void unbind()} disabled={busy}>
            Disconnect
          </Button>
        </Stack>
      ) : code ? (
        <Stack spacing={2}>
          <Typography>
            Open the bot and send it this code (it works until {formatTime(code.expires_at, timeZone)}):
          </Typography>
          <Typography component="p" sx={{ fontFamily: 'monospace', fontSize: 28, letterSpacing: 4, fontWeight: 700, bgcolor: 'background.subtle', borderRadius: 2, px: 2, py: 1, alignSelf: 'flex-start' }} aria-label="Binding code">
            {code.code}
          </Typography>
          <Stack direction="row" spacing={1.5} flexWrap="wrap" useFlexGap>
            <Button variant="contained" href={code.deep_link} target="_blank" rel="noopener noreferrer" endIcon={<OpenInNewRounded />} sx={{ bgcolor: '#229ED9' }}>
              Open {status.bot_name ? `@${status.bot_name}` : 'the bot'}
            </Button>
            <Button onClick={() => void newCode()} disabled={busy}>New code</Button>
          </Stack>
          <Typography variant="body2" color="text.secondary">This page updates by itself once the bot has connected.</Typography>
        </Stack>
      ) : (
        <Button variant="contained" startIcon={<TelegramIcon />} onClick={() => void newCode()} disabled={busy} sx={{ bgcolor: '#229ED9' }}>
          Connect Telegram
        </Button>
      )}
    </SettingsCard>
  );
}
