import type { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { expect, PASSWORD, partShot, test, uniqueEmail } from './fixtures';

// What runs for real here, and what cannot:
// - the PWA's service worker (src/sw.js) is installed by the app and active;
// - the profile's permission flow runs, with one stub: PushManager.subscribe(), which in Chromium
//   asks Google's push service (FCM) for an endpoint, a call to the outside world the tests have
//   no access to (it never returns offline). The stub answers what Chromium would, but with an
//   endpoint at a local push service this test starts, and keys made by WebCrypto;
// - "Send a test notification": the server really signs, encrypts and POSTs it there (pywebpush);
// - a reminder's push, built by the server's own code (e2e/push-payload.sh), is delivered to the
//   real service worker through the DevTools protocol (ServiceWorker.deliverPushMessage); the
//   worker's push handler shows the notification with Done and Skip;
// - DevTools cannot press an OS notification's button, so the test calls the very handler the
//   worker's notificationclick listener calls (self.__ahtNotificationClick) with the notification
//   the push handler showed and the action "done": it POSTs the single-use token, no JWT.

test.use({ permissions: ['notifications'] });

/** The little of a service worker's global scope these tests touch (the e2e types have no webworker lib). */
interface ShownNotification {
  title: string;
  actions: { action: string; title: string }[];
}
interface WorkerScope {
  registration: { getNotifications: () => Promise<ShownNotification[]> };
  __ahtNotificationClick: (notification: ShownNotification, action: string) => Promise<void>;
}

/** A fixed-offset zone where it is now about noon, so a habit due an hour ago is due today. */
function noonZone(now: Date): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 12) offset -= 24;
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

function script(name: string, ...args: string[]): string {
  return execFileSync('bash', [path.join(import.meta.dirname, name), ...args], { encoding: 'utf8' });
}

/** A push service that accepts every message (201) and counts them. */
async function localPushService(): Promise<{ server: Server; origin: string; received: () => number }> {
  let count = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && String(req.headers.authorization ?? '').startsWith('vapid t=')) count += 1;
      res.writeHead(201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, origin: `http://127.0.0.1:${address.port}`, received: () => count };
}

/** Replaces only PushManager.subscribe/getSubscription (see the top of this file). */
async function stubSubscribe(context: BrowserContext, endpoint: string) {
  await context.addInitScript((endpointUrl: string) => {
    const b64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    let made: PushSubscription | null = null;
    PushManager.prototype.subscribe = async function () {
      const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair;
      const p256dh = b64(await crypto.subtle.exportKey('raw', pair.publicKey));
      const auth = b64(crypto.getRandomValues(new Uint8Array(16)).buffer);
      const json = { endpoint: endpointUrl, expirationTime: null, keys: { p256dh, auth } };
      made = { endpoint: endpointUrl, toJSON: () => json, unsubscribe: async () => ((made = null), true) } as unknown as PushSubscription;
      return made;
    };
    PushManager.prototype.getSubscription = async function () {
      return made;
    };
  }, endpoint);
}

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/');
}

test('a pushed reminder shows Done and Skip, and Done completes the habit without the app', async ({ page, context, request }) => {
  const push = await localPushService();
  await stubSubscribe(context, `${push.origin}/push/e2e-device`);
  const now = new Date();
  const email = uniqueEmail('pushed');
  const reg = await request.post('/api/auth/register/', { data: { email, password: PASSWORD, name: 'Pia', timezone: noonZone(now) } });
  expect(reg.status(), await reg.text()).toBe(201);
  const { access } = await reg.json();
  const minutes = String(now.getUTCMinutes()).padStart(2, '0');
  const habit = await request.post('/api/habits/', {
    headers: { Authorization: `Bearer ${access}` },
    data: { name: 'Stretch', action: 'stretch for two minutes', place: 'bedroom', time_of_day: `11:${minutes}:00`, reward_text: 'tea', grace_minutes: 120, fix_minutes: 60 },
  });
  expect(habit.status(), await habit.text()).toBe(201);

  await signIn(page, email);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Notifications on this device' });
  await section.getByRole('button', { name: 'Turn on for this device' }).click();
  await expect(page.getByText('Notifications are on for this device.')).toBeVisible();
  const devices = section.getByRole('list', { name: 'Devices with notifications' });
  await expect(devices).toContainText(/Chrome on (Windows|Linux)/); // the label the app made from the user agent
  await expect(devices).toContainText('This device');

  await section.getByRole('button', { name: 'Send a test notification' }).click();
  await expect(page.getByText('Test sent to 1 device.')).toBeVisible();
  expect(push.received()).toBe(1);
  await page.getByRole('button', { name: 'Close' }).click();
  await partShot(section, 'push-01-profile-section');

  // What beat does every minute: the habit's time has come, so it is pending and a reminder is
  // written (with a push delivery for the device just subscribed).
  script('run-task.sh', 'habit_instances.tasks', 'habit_instances_advance_task');
  const payload = script('push-payload.sh', email).trim();
  expect(JSON.parse(payload)).toMatchObject({ title: 'Time to stretch for two minutes', actions: [{ action: 'done' }, { action: 'skip' }] });

  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: payload });

  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await expect
    .poll(() => worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).map((n) => [n.title, n.actions.map((a) => a.title).join('/')])))
    .toEqual([['Time to stretch for two minutes', 'Done/Skip']]);

  // Today is open while the notification is answered: the worker tells it, and it shows the mark.
  await page.goto('/');
  const card = page.getByRole('article').filter({ hasText: 'Stretch' });
  await expect(card).toContainText('Due now');
  // The Done button: the handler the click listener calls, on the notification the push showed.
  await worker.evaluate(async () => {
    const scope = self as unknown as WorkerScope;
    const [shown] = await scope.registration.getNotifications();
    await scope.__ahtNotificationClick(shown, 'done');
  });
  await expect.poll(() => worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).length)).toBe(0);
  await expect(card).toContainText('Done');
  await page.reload();
  await expect(card).toContainText('Done');

  // The token was single-use: a second Done from another copy of the notification is refused.
  const token = JSON.parse(payload).token as string;
  const again = await request.post('/api/push/actions/', { data: { token, action: 'done' } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe('action_used');
  push.server.close();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the device section fits and turns push on', async ({ page, context }) => {
    const push = await localPushService();
    await stubSubscribe(context, `${push.origin}/push/phone`);
    const email = uniqueEmail('push-phone');
    const reg = await page.request.post('/api/auth/register/', { data: { email, password: PASSWORD, name: 'Pia', timezone: 'Europe/Berlin' } });
    expect(reg.status()).toBe(201);
    const { access } = await reg.json();
    const off = { telegram_enabled: false, email_enabled: false, quiet_hours_start: null, quiet_hours_end: null, digest_time: null };
    const saved = await page.request.put('/api/settings/notifications/', { headers: { Authorization: `Bearer ${access}` }, data: off });
    expect(saved.status(), await saved.text()).toBe(200);
    const habit = await page.request.post('/api/habits/', {
      headers: { Authorization: `Bearer ${access}` },
      data: { name: 'Read', action: 'read a page', place: 'sofa', time_of_day: '23:59:00', reward_text: 'tea' },
    });
    expect(habit.status(), await habit.text()).toBe(201);
    await signIn(page, email);

    // Today offers push when reminders reach the user nowhere, and links to this device's section.
    const alert = page.getByRole('alert').filter({ hasText: 'notifications on this device' });
    await expect(alert).toBeVisible();
    await partShot(alert, 'mobile-push-00-today-offer');
    await alert.getByRole('link', { name: 'Turn on notifications' }).click();
    await expect(page).toHaveURL('/profile#push');
    const section = page.getByRole('region', { name: 'Notifications on this device' });
    await expect(section).toBeInViewport();
    await section.getByRole('button', { name: 'Turn on for this device' }).click();
    await expect(section.getByRole('list', { name: 'Devices with notifications' })).toContainText('This device');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Close' }).click();
    await partShot(section, 'mobile-push-01-profile-section');
    push.server.close();
  });
});
