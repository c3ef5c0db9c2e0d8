// Issue 12, items 17 and 18: what others see of a shared habit, and Today saying when reminders
// reach the user nowhere.
import { createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

test('a shared habit shows the display name the owner chose, never the full name', async ({ page }) => {
  await signUp(page, uniqueEmail('sharer'), 'Ann Smith-Jones');
  await page.goto('/habits/new');
  await expect(page.getByText(/Your name, email, check-ins, streaks, stats and other habits stay private/)).toBeVisible();
  await createHabit(page, { name: 'Morning pages', action: 'write one page', place: 'kitchen table', time_of_day: '07:00:00', reward_text: 'coffee', is_public: true });

  await page.goto('/explore');
  const card = page.locator('.MuiCard-root').filter({ hasText: 'Morning pages' });
  await expect(card).toBeVisible();
  await expect(card).not.toContainText('shared by');
  await expect(card).not.toContainText('Ann'); // the full name is only the owner's own

  await page.goto('/profile');
  await page.getByLabel('Display name (public)').fill('ann_writes');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await shot(page, 'sharing-01-profile-display-name');

  await page.goto('/explore');
  await expect(card).toContainText('shared by ann_writes');
  await shot(page, 'sharing-02-explore');
});

test('Today says when no channel can deliver a reminder, and links to the settings', async ({ page }) => {
  await signUp(page, uniqueEmail('unreached'));
  await createHabit(page, { name: 'Stretch', action: 'stretch for 5 minutes', place: 'yoga mat', time_of_day: '23:59:00', reward_text: 'tea' });
  await page.goto('/');
  await expect(page.getByRole('article').filter({ hasText: 'Stretch' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0); // email works here, and is on by default

  await page.goto('/profile');
  await page.getByRole('switch', { name: 'Email' }).uncheck();
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByText(/saved/i).first()).toBeVisible();

  await page.goto('/');
  const alert = page.getByRole('alert').filter({ hasText: 'Reminders are off for every channel' });
  await expect(alert).toBeVisible();
  await shot(page, 'sharing-03-today-no-channel');
  await alert.getByRole('link', { name: 'Notification settings' }).click();
  await expect(page).toHaveURL('/profile#notifications');
  await expect(page.getByRole('region', { name: 'Notifications', exact: true })).toBeInViewport();
});
