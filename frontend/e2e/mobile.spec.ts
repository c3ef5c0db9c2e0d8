import type { Page } from '@playwright/test';
import { createHabit, expect, partShot, shot, signUp, test, uniqueEmail } from './fixtures';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

test('a phone-size screen gets bottom navigation and pages that fit', async ({ page }) => {
  await page.goto('/signin');
  await expectNoSideways(page);
  await shot(page, 'mobile-01-sign-in');

  await signUp(page, uniqueEmail('phone'), 'Pat');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeVisible();
  await expect(nav).toHaveCSS('position', 'fixed');
  await expectNoSideways(page);
  await shot(page, 'mobile-02-today-first-run');

  const coffee = await createHabit(page, { name: 'Tea', action: 'brew a pot of green tea', place: 'kitchen', time_of_day: '21:00:00', is_pleasant: true });
  await createHabit(page, {
    name: 'Stretch',
    action: 'stretch for 5 minutes',
    place: 'bedroom floor',
    time_of_day: '20:45:00',
    related_pleasant_habit: coffee.id,
  });
  await page.reload();
  await expect(page.getByRole('article')).toHaveCount(2);
  await page.getByRole('button', { name: 'Done: Stretch', exact: true }).click();
  await expect(page.getByRole('article').first()).toContainText('Done');
  await expectNoSideways(page);
  await shot(page, 'mobile-03-today');

  await nav.getByRole('button', { name: 'Habits' }).click();
  await expect(page.getByRole('heading', { name: 'Habits', level: 1 })).toBeVisible();
  await expectNoSideways(page);
  await shot(page, 'mobile-04-habits');

  await page.getByRole('link', { name: /^Stretch/ }).click();
  await expect(page.getByTestId('metric-current-streak')).toHaveText('1');
  await expectNoSideways(page);
  await shot(page, 'mobile-05-habit-detail');
  // The whole year on a desktop; on a phone the latest weeks, no column or month label cut.
  await partShot(page.getByRole('region', { name: 'Last 365 days', exact: true }), 'mobile-05b-heatmap-phone');

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('form', { name: 'Edit habit' })).toBeVisible();
  await expectNoSideways(page);
  await shot(page, 'mobile-06-habit-form');

  await nav.getByRole('button', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: 'Profile and settings' })).toBeVisible();
  await expectNoSideways(page);
  await shot(page, 'mobile-07-profile');
});
