// What the backend's account and copy rules mean to a person: each reachable from the app.
import { createHabit, expect, PASSWORD, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

test('signing out on all devices ends the other sessions too', async ({ page }) => {
  const email = uniqueEmail('everywhere');
  await signUp(page, email);
  // Another device: a session of its own, signed in through the API.
  const other = await page.request.post('/api/auth/login/', { data: { email, password: PASSWORD } });
  expect(other.status()).toBe(200);
  const { refresh } = (await other.json()) as { refresh: string };

  await page.goto('/profile');
  // The calendar and check-in sections above the button grow as their answers arrive: a click
  // aimed before they settle can land on whatever moved under it.
  await page.waitForLoadState('networkidle');
  await page.getByRole('button', { name: 'Sign out on all devices' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out on all devices?' });
  await expect(dialog).toBeVisible();
  await viewportShot(page, 'account-01-sign-out-everywhere');
  await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();

  await expect(page).toHaveURL('/signin');
  await expect(page.getByText('Signed out on every device, this one included.')).toBeVisible();
  const refused = await page.request.post('/api/auth/refresh/', { data: { refresh } });
  expect(refused.status()).toBe(401);
});

test('a locked account says how long to wait and how else to get in', async ({ page }) => {
  const email = uniqueEmail('locked');
  await signUp(page, email);
  await page.getByRole('button', { name: 'Sign out' }).click();
  // LOGIN_LOCKOUT_THRESHOLD (5) failures for this account from this address lock it here.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.request.post('/api/auth/login/', { data: { email, password: 'not-the-password' } });
  }

  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Too many failed sign-ins for this account, so it is locked here for now. Try again in about 15 minutes, or reset your password.',
  );
  await expect(page).toHaveURL('/signin');
  await shot(page, 'account-02-locked');
});

test("a new zone on the profile: Today shows that zone's day", async ({ page }) => {
  await signUp(page, uniqueEmail('zone'));
  await page.goto('/profile');
  const zone = page.getByRole('combobox', { name: 'Timezone' });
  await zone.fill('Pacific/Kiritimati');
  await page.getByRole('option', { name: 'Pacific/Kiritimati' }).click();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved. Your habits now follow Pacific/Kiritimati time, from today.')).toBeVisible();

  await page.getByRole('link', { name: 'Today', exact: true }).click();
  // The browser runs in Berlin (playwright.config.ts); the day is the user's, 11 to 13 hours ahead.
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Pacific/Kiritimati' }).format(new Date());
  await expect(page.getByText(day, { exact: true })).toBeVisible();
});

test("copying a shared habit whose treat is private says the reward is the copier's to choose", async ({ page }) => {
  await signUp(page, uniqueEmail('sharer'), 'Bo');
  const tea = await createHabit(page, { name: 'Secret tea', action: 'brew a pot of tea', place: 'kitchen', time_of_day: '21:00:00', is_pleasant: true });
  const name = `Stretch ${Date.now()}`;
  await createHabit(page, { name, action: 'stretch for 5 minutes', place: 'bedroom floor', time_of_day: '20:45:00', related_pleasant_habit: tea.id, is_public: true });
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signUp(page, uniqueEmail('copier'));
  await page.goto('/explore');
  await page.getByRole('button', { name: `Copy ${name} into my habits` }).click();
  await expect(page).toHaveURL(/\/habits\/\d+\/edit$/);
  await expect(page.getByText('Its owner keeps their treat private, so choose your own reward here.')).toBeVisible();
  await expect(page.getByLabel(/^Reward/)).toHaveValue('Treat yourself (choose your own reward)');
  await expect(page.getByText('Secret tea')).toHaveCount(0);
  await viewportShot(page, 'account-03-copied-private-treat');
});
