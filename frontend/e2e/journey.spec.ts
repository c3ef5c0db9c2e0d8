import { expect, PASSWORD, partShot, shot, signUp, test, uniqueEmail } from './fixtures';

test('sign up, pair a useful habit with a pleasant one, complete it and see the streak', async ({ page }) => {
  const email = uniqueEmail('journey');

  await page.goto('/signup');
  await shot(page, '01-sign-up');
  await signUp(page, email, 'Ann Example');

  // First run: the app walks a new user to a pleasant habit, then a useful one paired with it.
  await expect(page.getByRole('heading', { name: 'Let’s build your first habit pair' })).toBeVisible();
  await shot(page, '02-today-first-run');
  await page.getByRole('link', { name: 'Create a pleasant habit' }).click();
  await expect(page.getByRole('button', { name: /Pleasant — a treat/ })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Name').fill('Morning coffee');
  await page.getByLabel('Action').fill('enjoy a cup of good coffee');
  await page.getByLabel('Place').fill('kitchen');
  await page.getByLabel('Time of day').fill('22:30');
  await page.getByRole('button', { name: 'Create habit' }).click();

  await expect(page.getByRole('heading', { name: 'Now pair it with something useful' })).toBeVisible();
  await page.getByRole('link', { name: 'Create a useful habit' }).click();
  await expect(page.getByRole('combobox', { name: /Pleasant habit that follows/ })).toContainText('Morning coffee');
  await page.getByLabel('Name').fill('Read');
  await page.getByLabel('Action').fill('read 10 pages');
  await page.getByLabel('Place').fill('armchair');
  await page.getByLabel('Time of day').fill('22:15');
  await page.getByLabel('Share in Explore').check();
  await shot(page, '03-habit-form');
  await page.getByRole('button', { name: 'Create habit' }).click();

  // Today lists both, in time order, with Done / Skip.
  await expect(page).toHaveURL('/');
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText('Read');
  await expect(cards.nth(1)).toContainText('Morning coffee');
  await shot(page, '04-today');
  await page.getByRole('button', { name: 'Done: Read', exact: true }).click();
  await expect(cards.nth(0)).toContainText('Done');
  await expect(page.getByRole('button', { name: 'Done: Read', exact: true })).toHaveCount(0);
  await expect(cards.nth(0).getByLabel('streak: 1')).toBeVisible();

  await page.getByRole('link', { name: 'Habits', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Habits', level: 1 })).toBeVisible();
  await shot(page, '05-habits');

  await page.getByRole('link', { name: /^Read/ }).first().click();
  await expect(page.getByRole('heading', { name: 'Read', level: 1 })).toBeVisible();
  await expect(page.getByTestId('metric-current-streak')).toHaveText('1');
  await shot(page, '06-habit-detail');
  // The whole year on a desktop; on a phone the latest weeks, no column or month label cut.
  await partShot(page.getByRole('region', { name: 'Last 365 days', exact: true }), '06b-heatmap-desktop');

  await page.getByRole('link', { name: 'Explore', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Copy Read into my habits' })).toBeVisible();
  await shot(page, '07-explore');

  await page.getByRole('link', { name: 'Profile', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Profile and settings' })).toBeVisible();
  await shot(page, '08-profile');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my data' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/); // the profile's default format

  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();
  await shot(page, '09-notifications');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/signin');
  await shot(page, '10-sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('article').filter({ hasText: 'Read' })).toContainText('Done');
});

test('a server validation error shows on the field it names', async ({ page, request }) => {
  const email = uniqueEmail('taken');
  const res = await request.post('/api/auth/register/', { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(201);

  await page.goto('/signup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  const field = page.getByLabel('Email');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/already/i);
  await expect(page).toHaveURL('/signup');
  await shot(page, '11-sign-up-server-error');
});

test('forgot and reset password pages', async ({ page }) => {
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(uniqueEmail('forgot'));
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByText(/an email with a reset link is on its way/)).toBeVisible();
  await shot(page, '12-forgot-password');

  await page.goto('/reset-password?uid=MQ&token=bad-token');
  await page.getByLabel(/^New password/).fill(PASSWORD);
  await page.getByLabel('Repeat the new password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('alert')).toContainText('Ask for a new link');
  await shot(page, '13-reset-password-bad-link');
});
