import type { Page } from '@playwright/test';
import { createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

test('complete a habit, see the coins, create a reward and redeem it; a dear one is refused', async ({ page }) => {
  await signUp(page, uniqueEmail('coins'), 'Cleo');
  await createHabit(page, { name: 'Read', action: 'read 10 pages', place: 'armchair', time_of_day: '23:30:00', reward_text: 'tea' });
  await page.goto('/');
  const balance = page.getByTestId('coin-balance');
  await expect(balance).toHaveAccessibleName('Wallet: 0 coins');

  // a habit done on time pays 10 coins, and the app bar says so at once
  await page.getByRole('button', { name: 'Done: Read', exact: true }).click();
  await expect(balance).toHaveAccessibleName('Wallet: 10 coins');

  await page.getByRole('navigation', { name: 'Main' }).getByText('Wallet').first().click();
  await expect(page.getByRole('heading', { name: 'Wallet & rewards', level: 1 })).toBeVisible();
  await expect(page.getByTestId('wallet-balance')).toHaveText('10');
  await expect(page.getByRole('list', { name: 'Ledger' })).toContainText('Habit completed: Read');
  await expect(page.getByText('No rewards yet')).toBeVisible();

  // a reward the balance pays for, one it does not (the form checks the price first)
  await page.getByRole('button', { name: 'New reward' }).click();
  let form = page.getByRole('form', { name: 'New reward' });
  await form.getByLabel(/^Reward/).fill('A square of chocolate');
  await form.getByLabel(/^Price in coins/).fill('0');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('A price is a whole number of coins, at least 1.')).toBeVisible();
  await form.getByLabel(/^Price in coins/).fill('6');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('list', { name: 'Rewards' })).toContainText('A square of chocolate');
  await page.getByRole('button', { name: 'New reward' }).click();
  form = page.getByRole('form', { name: 'New reward' });
  await form.getByLabel(/^Reward/).fill('An episode of my show');
  await form.getByLabel(/^Price in coins/).fill('50');
  await form.getByRole('button', { name: 'Save' }).click();
  const rewards = page.getByRole('list', { name: 'Rewards' });
  await expect(rewards.getByRole('listitem')).toHaveCount(2);
  await expect(rewards).toContainText('40 more to go');
  await shot(page, 'rewards-01-wallet');

  // redeem with confirmation: the balance drops everywhere
  await rewards.getByRole('listitem').filter({ hasText: 'chocolate' }).getByRole('button', { name: 'Redeem' }).click();
  await expect(page.getByRole('dialog')).toContainText('6 coins will be taken from your 10.');
  await page.getByRole('dialog').getByRole('button', { name: 'Redeem' }).click();
  await expect(page.getByTestId('wallet-balance')).toHaveText('4');
  await expect(balance).toHaveAccessibleName('Wallet: 4 coins');
  await expect(page.getByRole('list', { name: 'Ledger' })).toContainText('Reward redeemed: A square of chocolate');

  // the dear one: the server says no, in words, and nothing is taken
  await rewards.getByRole('listitem').filter({ hasText: 'episode' }).getByRole('button', { name: 'Redeem' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Redeem' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not enough coins' })).toContainText('costs 50 and you have 4');
  await expect(page.getByTestId('wallet-balance')).toHaveText('4');
  await shot(page, 'rewards-02-insufficient');

  // edit and delete
  await page.getByRole('button', { name: 'Edit An episode of my show' }).click();
  form = page.getByRole('form', { name: 'Edit reward' });
  await form.getByLabel(/^Price in coins/).fill('3');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(rewards).toContainText('3 coins');
  await page.getByRole('button', { name: 'Delete An episode of my show' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(rewards.getByRole('listitem')).toHaveCount(1);

  // a phone (375 px, narrower than the 390 asked for): the balance in the app bar is the way in, and nothing runs off the side
  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto('/');
  await page.getByTestId('coin-balance').click();
  await expect(page.getByRole('heading', { name: 'Wallet & rewards', level: 1 })).toBeVisible();
  await expectNoSideways(page);
  await shot(page, 'rewards-03-phone');
});
