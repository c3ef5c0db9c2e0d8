import type { Page } from '@playwright/test';
import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

/** A pleasant habit and a useful one paired with it, created through the API; returns their ids. */
async function pairOfHabits(page: Page) {
  const tea = await createHabit(page, { name: 'Tea', action: 'brew a pot of green tea', place: 'kitchen', time_of_day: '23:30:00', is_pleasant: true });
  const stretch = await createHabit(page, {
    name: 'Stretch',
    action: 'stretch for 5 minutes',
    place: 'bedroom floor',
    time_of_day: '23:15:00',
    related_pleasant_habit: tea.id,
  });
  return { tea: tea.id, stretch: stretch.id };
}

test('a server error on the habit form brings its field into view and focus', async ({ page }) => {
  await signUp(page, uniqueEmail('form-error'));
  const { id: tea } = await createHabit(page, { name: 'Tea', action: 'brew a pot of green tea', place: 'kitchen', time_of_day: '21:00:00', is_pleasant: true });

  await page.goto(`/habits/new?kind=useful&related=${tea}`);
  await expect(page.getByRole('combobox', { name: /Pleasant habit that follows/ })).toContainText('Tea');
  await page.getByLabel('Name').fill('Read');
  await page.getByLabel('Action').fill('read 10 pages');
  await page.getByLabel('Place').fill('armchair');
  // The treat is placed right after the habit it rewards.
  await expect(page.getByLabel('Time of day')).toHaveValue('20:45');

  // Meanwhile, in another tab, the pleasant habit is paused: only the server can know.
  const res = await page.request.patch(`/api/habits/${tea}/`, { data: { is_active: false }, headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(res.status()).toBe(200);

  await page.getByRole('button', { name: 'Create habit' }).click();
  const field = page.getByRole('combobox', { name: /Pleasant habit that follows/ });
  await expect(field).toBeFocused();
  await expect(field).toBeInViewport();
  await expect(page.getByText('The related habit must be active.')).toBeInViewport();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved yet' })).toBeVisible();
  await viewportShot(page, 'ux-01-form-server-error');
});

test('an ended session says so on the sign-in page, signing out does not', async ({ page }) => {
  await signUp(page, uniqueEmail('expired'));
  // Every answer the new page waits for is in: none can write the stored session back over the
  // one spoiled below (the store persists on each change).
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem('aht-auth')!);
    stored.state.tokens = { access: 'expired', refresh: 'refused' };
    localStorage.setItem('aht-auth', JSON.stringify(stored));
  });
  await page.reload();
  await expect(page).toHaveURL('/signin');
  await expect(page.getByRole('alert')).toHaveText('Your session has ended — please sign in again.');
  await shot(page, 'ux-02-session-ended');

  await signUp(page, uniqueEmail('signed-out'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signin');
  await expect(page.getByText(/session has ended/)).toHaveCount(0);
});

for (const [width, height, name] of [
  [1280, 860, 'desktop'],
  [375, 812, 'phone'],
] as const) {
  test.describe(`dark mode on a ${name}`, () => {
    test.use({ colorScheme: 'dark', viewport: { width, height } });

    test('follows the system setting, readable on every page', async ({ page }) => {
      await page.goto('/signin');
      await expect(page.locator('body')).toHaveCSS('background-color', /rgb\((\d|[1-4]\d), /);
      await shot(page, `dark-${name}-01-sign-in`);
      await signUp(page, uniqueEmail(`dark-${name}`));
      await shot(page, `dark-${name}-02-first-run`);
      const { stretch } = await pairOfHabits(page);
      await page.reload();
      await expect(page.getByRole('article')).toHaveCount(2);
      await shot(page, `dark-${name}-03-today`);
      await page.goto(`/habits/${stretch}`);
      await expect(page.getByRole('heading', { name: 'Stretch', level: 1 })).toBeVisible();
      await shot(page, `dark-${name}-04-habit-detail`);
      await page.goto(`/habits/${stretch}/edit`);
      await expect(page.getByRole('form', { name: 'Edit habit' })).toBeVisible();
      await shot(page, `dark-${name}-05-habit-form`);
      await page.goto('/profile');
      await expect(page.getByRole('heading', { name: 'Profile and settings' })).toBeVisible();
      await shot(page, `dark-${name}-06-profile`);
    });
  });
}
