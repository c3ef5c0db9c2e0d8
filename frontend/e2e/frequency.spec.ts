import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, PASSWORD, shot, test, uniqueEmail } from './fixtures';

/** A fixed-offset zone where it is now about noon, so a habit due two hours later is open today. */
function noonZone(now: Date): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 12) offset -= 24;
  return offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

function runTask(module: string, fn: string): string {
  return execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), module, fn], { encoding: 'utf8' });
}

const pad = (n: number) => String(n).padStart(2, '0');

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL('/');
}

test('check-in slots are saved in the profile and a due one arrives in the feed; a habit gets an extra reminder', async ({ page, request }) => {
  test.setTimeout(150_000);
  const now = new Date();
  const email = uniqueEmail('checkins');
  const reg = await request.post('/api/auth/register/', { data: { email, password: PASSWORD, name: 'Kim', timezone: noonZone(now) } });
  expect(reg.status(), await reg.text()).toBe(201);
  const { access } = await reg.json();
  const auth = { Authorization: `Bearer ${access}` };
  // local noon-ish: the habit is due in two hours, so today's instance is open
  const localHour = 12;
  const habit = await request.post('/api/habits/', {
    headers: auth,
    data: { name: 'Walk', action: 'walk around the block', place: 'outside', time_of_day: `${localHour + 2}:${pad(now.getUTCMinutes())}:00`, reward_text: 'tea', grace_minutes: 60 },
  });
  expect(habit.status(), await habit.text()).toBe(201);
  const habitId = (await habit.json()).id as number;

  await signIn(page, email);

  // --- Check-ins: daily at three times ---------------------------------------------------------
  await page.goto('/profile#checkins');
  const section = page.getByRole('region', { name: 'Check-ins' });
  await expect(section).toBeVisible();
  await section.getByRole('combobox', { name: /^How often/ }).click();
  await page.getByRole('option', { name: 'Every day' }).click();
  for (const time of ['17:00', '05:00', '12:00']) {
    await section.getByLabel('Check-in time', { exact: true }).fill(time);
    await section.getByRole('button', { name: 'Add check-in time' }).click();
  }
  const chips = section.getByRole('list', { name: 'Check-in times' }).getByRole('listitem');
  await expect(chips).toHaveText(['05:00', '12:00', '17:00']);
  await section.getByRole('button', { name: 'Save check-ins' }).click();
  await expect(page.getByText('Check-ins saved.')).toBeVisible();
  await expect(section.getByTestId('next-checkin')).toContainText('Next check-in');

  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Check-ins' });
  await expect(reloaded.getByRole('list', { name: 'Check-in times' }).getByRole('listitem')).toHaveText(['05:00', '12:00', '17:00']);
  await expect(reloaded.getByRole('combobox', { name: /^How often/ })).toContainText('Every day');
  await reloaded.scrollIntoViewIfNeeded();
  await shot(page, 'frequency-01-checkins');

  // --- A slot one minute ahead fires once the minute has passed (what beat does every minute) ------
  const slot = new Date(Date.now() + 60_000);
  const slotLocal = `${pad((slot.getUTCHours() + (localHour - now.getUTCHours()) + 24) % 24)}:${pad(slot.getUTCMinutes())}`;
  const saved = await request.put('/api/settings/notifications/frequency/', { headers: auth, data: { times: [slotLocal], frequency: 'daily' } });
  expect(saved.status(), await saved.text()).toBe(200);
  const due = Date.parse((await saved.json()).next_checkin_at as string);
  await page.waitForTimeout(Math.max(0, due - Date.now()) + 1_500);
  runTask('notifications.tasks', 'checkins_send_task');
  runTask('notifications.tasks', 'checkins_send_task'); // twice: still one check-in

  await page.goto('/notifications');
  const checkin = page.getByRole('listitem').filter({ hasText: '1 of 1 habit left today' });
  await expect(checkin).toHaveCount(1);
  await shot(page, 'frequency-02-checkin-arrived');

  // --- Extra reminders on the habit form ---------------------------------------------------------
  await page.goto(`/habits/${habitId}/edit`);
  const extra = page.getByLabel('Extra reminder', { exact: true });
  await extra.fill('09:00');
  await page.getByRole('button', { name: 'Add extra reminder' }).click();
  await expect(page.getByRole('list', { name: 'Extra reminders' }).getByRole('listitem')).toHaveText(['09:00']);
  await page.getByRole('list', { name: 'Extra reminders' }).scrollIntoViewIfNeeded();
  await shot(page, 'frequency-03-extra-reminders');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(`/habits/${habitId}`);

  await page.goto(`/habits/${habitId}/edit`);
  await expect(page.getByRole('list', { name: 'Extra reminders' }).getByRole('listitem')).toHaveText(['09:00']);
  const stored = await request.get(`/api/habits/${habitId}/`, { headers: auth });
  expect((await stored.json()).extra_reminders).toEqual(['09:00']);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the check-ins section and extra reminders fit 390 px', async ({ page, request }) => {
    const email = uniqueEmail('checkins-phone');
    const reg = await request.post('/api/auth/register/', { data: { email, password: PASSWORD, name: 'Lee', timezone: 'Europe/Berlin' } });
    expect(reg.status(), await reg.text()).toBe(201);
    const { access } = await reg.json();
    const habit = await request.post('/api/habits/', {
      headers: { Authorization: `Bearer ${access}` },
      data: { name: 'Stretch', action: 'stretch', place: 'the desk', time_of_day: '18:00:00', reward_text: 'tea', grace_minutes: 60, extra_reminders: ['09:00', '17:30'] },
    });
    expect(habit.status(), await habit.text()).toBe(201);
    await request.put('/api/settings/notifications/frequency/', {
      headers: { Authorization: `Bearer ${access}` },
      data: { times: ['07:00', '12:00', '19:30'], frequency: 'weekly', weekday: 6 },
    });
    await signIn(page, email);
    await page.goto('/profile#checkins');
    const section = page.getByRole('region', { name: 'Check-ins' });
    await expect(section.getByRole('list', { name: 'Check-in times' }).getByRole('listitem')).toHaveText(['07:00', '12:00', '19:30']);
    await expect(section.getByRole('combobox', { name: /^Weekday/ })).toContainText('Sunday');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'frequency-04-phone-checkins');
    await page.goto(`/habits/${(await habit.json()).id}/edit`);
    await expect(page.getByRole('list', { name: 'Extra reminders' }).getByRole('listitem')).toHaveText(['09:00', '17:30']);
    await shot(page, 'frequency-05-phone-extra-reminders');
  });
});
