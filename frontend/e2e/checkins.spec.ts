import type { Page } from '@playwright/test';
import { createHabit, expect, partShot, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

const ZONE = 'Europe/Berlin'; // the browser's zone (playwright.config.ts), which sign-up sends

/** The Berlin wall clock `minutes` from now as HH:MM:SS, clamped into today. */
function berlinTime(minutes: number): string {
  const at = new Date(Date.now() + minutes * 60_000);
  const hhmm = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: ZONE }).format(at);
  return `${hhmm}:00`;
}

function berlinDate(daysBack = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() - daysBack * 86_400_000));
}

/** A useful habit due now (its time a minute ago), started `daysBack` days ago. */
async function dueNow(page: Page, name: string, daysBack = 0, extra: Record<string, unknown> = {}) {
  return createHabit(page, {
    name,
    action: `${name.toLowerCase()} for a while`,
    place: 'home',
    time_of_day: berlinTime(-1),
    reward_text: 'a cup of tea',
    start_date: berlinDate(daysBack),
    grace_minutes: 600,
    fix_minutes: 600,
    ...extra,
  });
}

const toast = (page: Page) => page.locator('.MuiSnackbar-root');

test('every mark on Today can be undone from its toast, and an excused skip says what it means', async ({ page }) => {
  await signUp(page, uniqueEmail('undo'));
  await dueNow(page, 'Stretch');
  await dueNow(page, 'Walk');
  await page.reload();
  const stretch = page.getByRole('article', { name: 'Stretch' });

  await stretch.getByRole('button', { name: 'Done: Stretch', exact: true }).click();
  await expect(stretch.getByText('Done', { exact: true })).toBeVisible();
  await expect(toast(page)).toContainText('Done!');
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await expect(toast(page)).toContainText('Undone.');
  await expect(stretch.getByRole('button', { name: 'Done: Stretch', exact: true })).toBeVisible();

  const walk = page.getByRole('article', { name: 'Walk' });
  await walk.getByRole('button', { name: 'Skip (excused): Walk' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('does not break the streak');
  await walk.getByRole('button', { name: 'Skip (excused): Walk' }).click();
  await expect(walk.getByText('Excused', { exact: true })).toBeVisible();
  await expect(toast(page)).toContainText('your streak is safe');
  await expect(toast(page).getByRole('button', { name: 'Undo' })).toBeVisible();
  await viewportShot(page, 'i12-01-today-skip-undo-toast');

  await stretch.getByRole('button', { name: 'Not done: Stretch' }).click();
  await expect(stretch.getByText('Not done', { exact: true })).toBeVisible();
  await shot(page, 'i12-02-today-marked');
});

test('a forgotten day is recorded from the calendar, the history table and the habits list', async ({ page }) => {
  await signUp(page, uniqueEmail('past-day'));
  const { id } = await dueNow(page, 'Read', 5);
  await page.goto(`/habits/${id}`);

  // The calendar: two days ago, as done.
  const twoDaysAgo = page.getByRole('button', { name: /Record this day$/ }).nth(-3);
  await twoDaysAgo.click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: /Skip \(excused\)/ })).toContainText('does not break the streak');
  await menu.getByRole('menuitem', { name: 'Done', exact: true }).click();
  await expect(toast(page)).toContainText('Done!');
  const history = page.getByRole('table', { name: 'Instance history' });
  await expect(history.getByText('recorded later')).toBeVisible();
  await partShot(page.getByRole('region', { name: 'Last 365 days', exact: true }), 'i12-03-heatmap-recorded-day');

  // The history table: the same day, corrected to not done.
  await history.getByRole('row').filter({ hasText: 'recorded later' }).getByRole('button', { name: /^Change / }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: 'Not done' }).click();
  await expect(history.getByText('Not done', { exact: true })).toBeVisible();

  // The habits list's last days: yesterday, as an excused skip.
  await page.goto('/habits');
  await page.getByRole('button', { name: 'Last days' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Read' });
  await expect(row.getByRole('button', { name: /: Due now$/ })).toBeVisible(); // today, loaded
  await row.getByRole('button', { name: /^Read, .*: nothing recorded$/ }).last().click(); // today has its instance; this is yesterday's empty day
  await page.getByRole('menu').getByRole('menuitem', { name: /Skip \(excused\)/ }).click();
  await expect(row.getByRole('button', { name: /Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday/ }).nth(-2)).toHaveAccessibleName(/: Excused$/);
  await expect(toast(page)).toContainText('your streak is safe');
  await shot(page, 'i12-04-habits-last-days');
});

test('a habit is paused until a date, resumed, archived and found again under Archived', async ({ page }) => {
  await signUp(page, uniqueEmail('pause'));
  const { id } = await dueNow(page, 'Swim', 0, { time_of_day: '23:59:00' });
  await page.goto(`/habits/${id}`);
  await page.getByRole('button', { name: 'Actions for Swim' }).click();
  await page.getByRole('menuitem', { name: 'Pause…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause “Swim”' });
  await dialog.getByRole('textbox', { name: 'Until' }).fill(berlinDate(-3));
  await shot(page, 'i12-05-pause-dialog');
  await dialog.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /^Paused until/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await shot(page, 'i12-06-habit-paused');

  // Today says what comes next instead of "nothing due".
  await page.goto('/');
  await expect(page.getByText(/Next up: Swim/)).toBeVisible();
  await expect(page.getByText('Nothing due today')).toHaveCount(0);
  await shot(page, 'i12-07-today-coming-next');

  await page.goto(`/habits/${id}`);
  await page.getByRole('alert').getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(/^Paused until/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Actions for Swim' }).click();
  await page.getByRole('menuitem', { name: 'Archive' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /^Archived: / })).toBeVisible();

  await page.goto('/habits');
  await expect(page.getByRole('link', { name: /^Swim/ })).toHaveCount(0);
  await page.getByLabel('Status').click();
  await page.getByRole('option', { name: 'Archived', exact: true }).click();
  await expect(page.getByRole('link', { name: /^Swim/ })).toBeVisible();
  await shot(page, 'i12-08-habits-archived');
});

test('a weekday schedule is picked with day chips and said in words', async ({ page }) => {
  await signUp(page, uniqueEmail('schedule'));
  await page.goto('/habits/new?kind=useful');
  await page.getByLabel('Name').fill('Gym');
  await page.getByLabel('Action').fill('lift for 20 minutes');
  await page.getByLabel('Place').fill('gym');
  await page.getByLabel('A reward').check();
  await page.getByRole('textbox', { name: 'Reward' }).fill('a smoothie');
  await page.getByLabel('On chosen weekdays').check();
  await page.getByRole('button', { name: 'Wednesday' }).click(); // Mon, Wed, Fri → Mon, Fri
  await page.getByRole('button', { name: 'Saturday' }).click();
  await expect(page.getByText('Every Mon, Fri and Sat')).toBeVisible();
  await shot(page, 'i12-09-form-weekdays');
  await page.getByRole('button', { name: 'Create habit' }).click();
  await expect(page.getByText('Every Mon, Fri and Sat').first()).toBeVisible();
});

test.describe('dark mode on a desktop', () => {
  test.use({ colorScheme: 'dark' });

  test('the last days, a day menu and the paused banner read in the dark', async ({ page }) => {
    await signUp(page, uniqueEmail('dark-days'));
    const { id } = await dueNow(page, 'Read', 3);
    await dueNow(page, 'Stretch', 3);
    await page.goto('/habits');
    await page.getByRole('button', { name: 'Last days' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Read' });
    await row.getByRole('button', { name: /: Due now$/ }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: /Skip \(excused\)/ }).click();
    await expect(row.getByRole('button', { name: /: Excused$/ })).toBeVisible();
    await shot(page, 'dark-desktop-i12-01-habits-last-days');

    await page.goto(`/habits/${id}`);
    await page.getByRole('button', { name: /Record this day$/ }).nth(-2).click();
    await expect(page.getByRole('menu')).toBeVisible();
    await viewportShot(page, 'dark-desktop-i12-02-day-menu');
  });
});
