import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, PASSWORD, shot, test, uniqueEmail } from './fixtures';

/** A fixed-offset zone where it is now about noon, so a habit due an hour ago is due today. */
function noonZone(now: Date): { zone: string; hour: number } {
  let offset = 12 - now.getUTCHours();
  if (offset > 12) offset -= 24;
  return { zone: offset >= 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`, hour: 12 };
}

function runTask(module: string, fn: string): string {
  return execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), module, fn], { encoding: 'utf8' });
}

test('a reminder arrives in the feed with a badge and can be answered there', async ({ page, request }) => {
  const now = new Date();
  const { zone, hour } = noonZone(now);
  const email = uniqueEmail('reminded');
  const reg = await request.post('/api/auth/register/', { data: { email, password: PASSWORD, name: 'Robin', timezone: zone } });
  expect(reg.status(), await reg.text()).toBe(201);
  const { access } = await reg.json();
  const minutes = String(now.getUTCMinutes()).padStart(2, '0');
  const habit = await request.post('/api/habits/', {
    headers: { Authorization: `Bearer ${access}` },
    data: { name: 'Journal', action: 'write three lines', place: 'desk', time_of_day: `${hour - 1}:${minutes}:00`, reward_text: 'a square of chocolate', grace_minutes: 120, fix_minutes: 60 },
  });
  expect(habit.status(), await habit.text()).toBe(201);

  // What beat does every minute: the habit's time has come, so it is pending and a reminder is written.
  runTask('habit_instances.tasks', 'habit_instances_advance_task');

  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Journal' })).toContainText('Due now');

  const bell = page.getByRole('link', { name: /^Notifications, \d+ unread/ });
  await expect(bell).toBeVisible();
  await bell.click();
  const reminder = page.getByRole('listitem').filter({ hasText: 'write three lines' }).first();
  await expect(reminder.getByRole('button', { name: 'Done', exact: true })).toBeVisible();
  await shot(page, '14-notifications-reminder');

  await reminder.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(reminder.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('article').filter({ hasText: 'Journal' })).toContainText('Done');
});
