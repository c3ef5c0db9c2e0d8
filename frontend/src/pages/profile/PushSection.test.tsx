import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../../test/fakeServer';
import { renderAt } from '../../test/render';
import { base64UrlToBytes, deviceLabel } from '../../utils/push';
import { PushSection } from './PushSection';

describe('PushSection', () => {
  it('says when the server has no VAPID keys', async () => {
    fakeServer(() => ({ status: 503, data: { error: { code: 'push_disabled', message: 'Push notifications are not configured.', fields: {} } } }));
    renderAt(<PushSection />);
    expect(await screen.findByText(/not set up on this server/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Turn on for this device' })).not.toBeInTheDocument();
  });

  it('lists the devices and says when this browser cannot receive push', async () => {
    fakeServer((c) => {
      if (c.url === 'push/vapid-public-key/') return { status: 200, data: { public_key: 'BAAA' } };
      if (c.url.startsWith('push/subscriptions/')) {
        const device = { id: 3, endpoint: 'https://fcm.googleapis.com/x', user_agent: 'Firefox on Android', created_at: '2026-11-22T10:00:00Z', last_sent_at: null };
        return { status: 200, data: { count: 1, next: null, previous: null, results: [device] } };
      }
      return { status: 200, data: { telegram_enabled: false, email_enabled: false, push_enabled: true, quiet_hours_start: null, quiet_hours_end: null, digest_time: null, telegram_available: false, email_available: false, push_available: true, delivering_channels: ['push'] } };
    });
    renderAt(<PushSection />);
    expect(await screen.findByText('Firefox on Android')).toBeInTheDocument();
    // jsdom has no service worker or Push API
    expect(screen.getByText(/cannot receive push notifications|secure connection/)).toBeInTheDocument();
    expect(screen.getByLabelText('Send reminders to my devices')).toBeChecked();
    expect(screen.getByRole('button', { name: 'Remove Firefox on Android' })).toBeInTheDocument();
  });
});

describe('push helpers', () => {
  it('decodes the base64url key and names devices', () => {
    expect(Array.from(base64UrlToBytes('AP_-'))).toEqual([0, 255, 254]);
    expect(deviceLabel('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36')).toBe('Chrome on Android');
    expect(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1')).toBe('Safari on iOS');
  });
});
