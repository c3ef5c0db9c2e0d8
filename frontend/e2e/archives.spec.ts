import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, partShot, shot, signUp, test, uniqueEmail } from './fixtures';

/** The hourly beat task that makes the due archives, run once as beat would. */
function makeDueArchives(): string {
  return execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), 'backups.tasks', 'user_archives_make_due_task'], { encoding: 'utf8' });
}

test('a user schedules archives of their data, the beat makes one, and it downloads by its signed link', async ({ page }) => {
  const email = uniqueEmail('archives');
  await signUp(page, email, 'Arch');
  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Automatic archives' });
  await expect(section.getByText('No archives yet.')).toBeVisible();
  await expect(section.getByText('kept 7 days')).toBeVisible();

  await section.getByTestId('archive-frequency').click();
  await page.getByRole('option', { name: 'Every day' }).click();
  await expect(page.getByText('Archive schedule saved.')).toBeVisible();

  expect(Number(makeDueArchives().trim())).toBeGreaterThanOrEqual(1);
  await page.reload();
  const archives = section.getByRole('list', { name: 'Your archives' });
  await expect(archives.getByRole('listitem')).toHaveCount(1);
  await expect(section.getByTestId('archive-frequency')).toContainText('Every day');

  const link = archives.getByRole('link', { name: 'Download' });
  const href = await link.getAttribute('href');
  expect(href).toBeTruthy();
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/atomic-habits-archive-\d{4}-\d{2}-\d{2}-\d{4}\.json/);
  const data = await download.json();
  expect(data.account.email).toBe(email);
  expect(data.archives.schedule).toBe('daily');

  await section.scrollIntoViewIfNeeded();
  await shot(page, 'archives-profile');
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await expect(archives.getByRole('link', { name: 'Download' })).toBeVisible();
  await partShot(section, 'archives-profile-390');

  // off again: the next beat makes nothing for this user
  await section.getByTestId('archive-frequency').click();
  await page.getByRole('option', { name: 'Off' }).click();
  await expect(page.getByText('Automatic archives are off.')).toBeVisible();
});
