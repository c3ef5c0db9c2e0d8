import type { NotificationSettings } from '../api';

export interface ReminderProblem {
  severity: 'info' | 'warning';
  message: string;
  /** Push works on this server: the alert offers to turn it on for this device. */
  offerPush?: boolean;
}

type Channels = Pick<
  NotificationSettings,
  'telegram_enabled' | 'email_enabled' | 'telegram_available' | 'email_available' | 'delivering_channels'
> &
  Partial<Pick<NotificationSettings, 'push_available'>>;

/**
 * Why reminders reach this user nowhere but the web feed, in one or two sentences; null when at
 * least one channel delivers (the server's `delivering_channels`, docs/telegram.md).
 */
export function reminderProblem(s: Channels): ReminderProblem | null {
  if (s.delivering_channels.length > 0) return null;
  const offerPush = !!s.push_available;
  if (!s.telegram_available && !s.email_available && !offerPush) {
    return {
      severity: 'info',
      message: 'This server has neither a Telegram bot nor email set up, so reminders only appear under Notifications in this app.',
    };
  }
  const reasons: string[] = [];
  if (s.telegram_enabled) {
    reasons.push(s.telegram_available ? 'Telegram is not linked to your account yet' : 'this server has no Telegram bot');
  }
  if (s.email_enabled && !s.email_available) reasons.push('this server cannot send email');
  const works = [
    s.telegram_available && !s.telegram_enabled && 'Telegram',
    s.email_available && !s.email_enabled && 'email',
    offerPush && 'notifications on this device',
  ].filter(Boolean);
  const instead = works.length ? ` You can turn on ${works.join(' or ')} instead.` : '';
  if (reasons.length === 0) {
    return { severity: 'warning', message: `Reminders are off for every channel, so you will only see them in this app.${instead}`, offerPush: offerPush || undefined };
  }
  const why = reasons.join(' and ');
  return { severity: 'warning', message: `Your reminders reach you nowhere: ${why}.${instead}`, offerPush: offerPush || undefined };
}
