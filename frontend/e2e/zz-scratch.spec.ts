import { createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

for (const [w, h, n] of [[1280, 860, 'desk'], [375, 812, 'phone']] as const) {
  test(`scratch week list ${n}`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await signUp(page, uniqueEmail('scratch'));
    for (const name of ['Stretch', 'Journal with a rather long name that goes on', 'Read']) {
      await createHabit(page, { name, action: 'do it', place: 'home', time_of_day: '00:01:00', reward_text: 'tea', start_date: new Date(Date.now() - 3 * 86400000).toISOString().slice(0, 10) });
    }
    await page.goto('/habits');
    await page.getByRole('button', { name: 'Last days' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Stretch' })).toBeVisible();
    await shot(page, `scratch-${n}-week`);
    await page.getByRole('row').filter({ hasText: 'Stretch' }).getByRole('cell').last().getByRole('button').click();
    await page.screenshot({ path: `screenshots/scratch-${n}-menu.png` });
    await page.getByRole('menuitem', { name: 'Done' }).click();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `screenshots/scratch-${n}-after.png` });
  });
}
