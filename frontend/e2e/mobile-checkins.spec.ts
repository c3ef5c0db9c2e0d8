import type { Page } from '@playwright/test';
import { createHabit, expect, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

function berlin(opts: Intl.DateTimeFormatOptions, at = new Date()): string {
  return new Intl.DateTimeFormat(opts.hour ? 'en-GB' : 'en-CA', { ...opts, timeZone: 'Europe/Berlin' }).format(at);
}

test('on a phone the last days fit, a day is marked from its menu and the mark undone', async ({ page }) => {
  await signUp(page, uniqueEmail('phone-days'));
  const start = berlin({}, new Date(Date.now() - 3 * 86_400_000));
  const time = `${berlin({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, new Date(Date.now() - 60_000))}:00`;
  for (const name of ['Stretch', 'Journal with a rather long name']) {
    await createHabit(page, { name, action: 'do it', place: 'home', time_of_day: time, reward_text: 'tea', start_date: start, grace_minutes: 600, fix_minutes: 600 });
  }

  await page.goto('/');
  const stretch = page.getByRole('article', { name: 'Stretch' });
  await expect(stretch.getByRole('button', { name: 'Skip (excused): Stretch' })).toBeVisible();
  await expectNoSideways(page);
  await shot(page, 'mobile-i12-01-today-buttons');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Habits' }).click();
  await page.getByRole('button', { name: 'Last days' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Stretch' });
  // Five days on a phone, today at the right.
  await expect(row.getByRole('cell')).toHaveCount(5);
  await expect(row.getByRole('cell').last().getByRole('button')).toHaveAccessibleName(/: Due now$/);
  await expectNoSideways(page);
  await shot(page, 'mobile-i12-02-habits-last-days');

  await row.getByRole('cell').last().getByRole('button').click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Done', exact: true }).click();
  await expect(row.getByRole('button', { name: /: Done$/ })).toBeVisible();
  const toast = page.locator('.MuiSnackbar-root');
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expectNoSideways(page);
  await viewportShot(page, 'mobile-i12-03-undo-toast');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(row.getByRole('button', { name: /: Done$/ })).toHaveCount(0);
});

test.describe('dark mode on a phone', () => {
  test.use({ colorScheme: 'dark' });

  test('the last days and the pause dialog read in the dark', async ({ page }) => {
    await signUp(page, uniqueEmail('phone-dark'));
    const { id } = await createHabit(page, { name: 'Stretch', action: 'stretch', place: 'home', time_of_day: '23:59:00', reward_text: 'tea' });
    await page.goto('/habits');
    await page.getByRole('button', { name: 'Last days' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Stretch' })).toBeVisible();
    await shot(page, 'dark-phone-i12-01-habits-last-days');
    await page.goto(`/habits/${id}`);
    await page.getByRole('button', { name: 'Actions for Stretch' }).click();
    await page.getByRole('menuitem', { name: 'Pause…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoSideways(page);
    await viewportShot(page, 'dark-phone-i12-02-pause-dialog');
  });
});
