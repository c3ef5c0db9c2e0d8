import { describe, expect, it } from 'vitest';
import { reminderProblem } from './reminderChannels';

const base = { telegram_enabled: false, email_enabled: false, telegram_available: true, email_available: true, delivering_channels: [] as string[] };

describe('reminderProblem', () => {
  it('is quiet when a channel delivers', () => {
    expect(reminderProblem({ ...base, email_enabled: true, delivering_channels: ['email'] })).toBeNull();
  });

  it('says when the server can send on no channel at all', () => {
    expect(reminderProblem({ ...base, telegram_available: false, email_available: false, telegram_enabled: true })).toEqual({
      severity: 'info',
      message: 'This server has neither a Telegram bot nor email set up, so reminders only appear under Notifications in this app.',
    });
  });

  it('names an unlinked Telegram and offers email, which works here', () => {
    expect(reminderProblem({ ...base, telegram_enabled: true })?.message).toBe(
      'Your reminders reach you nowhere: Telegram is not linked to your account yet. You can turn on email instead.',
    );
  });

  it('names a chosen channel the server cannot send on', () => {
    const noBot = { ...base, telegram_available: false, telegram_enabled: true };
    expect(reminderProblem(noBot)?.message).toBe('Your reminders reach you nowhere: this server has no Telegram bot. You can turn on email instead.');
    const noMail = { ...base, telegram_available: false, email_enabled: true, email_available: true, delivering_channels: [] };
    expect(reminderProblem({ ...noMail, email_available: false, telegram_available: true })?.message).toBe(
      'Your reminders reach you nowhere: this server cannot send email. You can turn on Telegram instead.',
    );
  });

  it('says when every channel is switched off', () => {
    expect(reminderProblem(base)).toEqual({
      severity: 'warning',
      message: 'Reminders are off for every channel, so you will only see them in this app. You can turn on Telegram or email instead.',
    });
  });
});

describe('reminderProblem with push', () => {
  it('offers notifications on this device when the server has push', () => {
    const problem = reminderProblem({ ...base, telegram_available: false, email_available: false, push_available: true });
    expect(problem).toEqual({
      severity: 'warning',
      message: 'Reminders are off for every channel, so you will only see them in this app. You can turn on notifications on this device instead.',
      offerPush: true,
    });
  });
});
