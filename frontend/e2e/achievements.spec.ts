import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

/** What the Celery worker does after a mark: the e2e backend runs no worker, so the test does. */
function evaluateAchievements(userId: number): string {
  return execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), 'achievements.tasks', 'achievements_evaluate_user_task', String(userId)], {
    encoding: 'utf8',
  });
}

async function myId(page: Page): Promise<number> {
  const res = await page.request.get('/api/auth/me/', { headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(res.status()).toBe(200);
  return (await res.json()).id as number;
}

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

test('complete a first habit, get the "First step" toast once, see earned and locked achievements', async ({ page }) => {
  await signUp(page, uniqueEmail('achiever'), 'Ada');
  await createHabit(page, { name: 'Stretch', action: 'stretch for 2 minutes', place: 'bedroom', time_of_day: '23:30:00', reward_text: 'tea' });

  // before: everything locked, the share of users unknown yet ("—")
  await page.getByRole('navigation', { name: 'Main' }).getByText('Achievements').first().click();
  await expect(page.getByRole('heading', { name: 'Achievements', level: 1 })).toBeVisible();
  await expect(page.getByTestId('achievements-summary')).toHaveText('0 of 26 earned');
  await expect(page.getByText('Nothing earned yet')).toBeVisible();

  // the mark; the worker's evaluation; the app looks again shortly after a mark and toasts
  await page.getByRole('navigation', { name: 'Main' }).getByText('Today').first().click();
  await page.getByRole('button', { name: 'Done: Stretch', exact: true }).click();
  evaluateAchievements(await myId(page));
  const toastBox = page.getByTestId('achievement-toast');
  await expect(toastBox).toContainText('Achievement earned: First step');
  await expect(toastBox).toContainText('and 1 more: A time and a place');
  await expect(page.getByTestId('coin-balance')).toHaveAccessibleName('Wallet: 50 coins'); // 10 + two bronze bonuses
  await viewportShot(page, 'achievements-00-toast');
  await toastBox.getByRole('link', { name: 'See all' }).click();

  await expect(page.getByTestId('achievements-summary')).toHaveText('2 of 26 earned');
  const earned = page.getByRole('list', { name: 'Earned' });
  await expect(earned.getByRole('listitem')).toHaveCount(2);
  const first = earned.getByRole('listitem', { name: 'First step' });
  await expect(first).toContainText('Bronze');
  await expect(first).toContainText(/Earned .* · — of users/);
  const locked = page.getByRole('list', { name: 'Locked' });
  const tenReps = locked.getByRole('listitem', { name: 'Ten reps' });
  await expect(tenReps).toContainText('1 of 10');
  await expect(tenReps.getByRole('progressbar', { name: 'Ten reps progress' })).toHaveAttribute('aria-valuenow', '10');
  await expect(locked.getByRole('listitem', { name: 'Perfect week' })).toContainText('Silver');
  await shot(page, 'achievements-01-desktop');

  // seen: a reload does not toast again
  await page.reload();
  await expect(page.getByTestId('achievements-summary')).toHaveText('2 of 26 earned');
  await page.waitForLoadState('networkidle');
  await expect(page.getByTestId('achievement-toast')).toHaveCount(0);

  // a phone: the trophy in the app bar is the way in, and nothing runs off the side
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await page.getByRole('link', { name: 'Achievements' }).click();
  await expect(page.getByRole('heading', { name: 'Achievements', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Earned' }).getByRole('listitem')).toHaveCount(2);
  await expectNoSideways(page);
  await page.mouse.move(200, 500); // no tooltip over the trophy in the picture
  await shot(page, 'achievements-02-phone');
});
