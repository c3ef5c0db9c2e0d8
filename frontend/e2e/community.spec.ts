import type { Page } from '@playwright/test';
import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

// A small green PNG: the server re-encodes it and serves it through a signed link.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

/** Other users see this name on the user's posts (the account's name stays private). */
async function setDisplayName(page: Page, displayName: string) {
  const res = await page.request.patch('/api/auth/me/', { data: { display_name: displayName }, headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(res.status(), await res.text()).toBe(200);
}

function postBy(page: Page, author: string) {
  return page.getByRole('article', { name: `Post by ${author}` });
}

test('A posts progress on a public habit, B sees it in the feed and gives kudos, A deletes it', async ({ page, browser }) => {
  // A: a public habit, posted about from its page with a photo
  await signUp(page, uniqueEmail('poster'), 'Ada Lovelace');
  await setDisplayName(page, 'Ada');
  const habit = await createHabit(page, { name: 'Morning run', action: 'run 3 km', place: 'the park', time_of_day: '07:00:00', reward_text: 'a smoothie', is_public: true });
  await page.goto(`/habits/${habit.id}`);
  await page.getByRole('button', { name: 'Post progress' }).click();
  const dialog = page.getByRole('dialog', { name: 'Post progress' });
  await dialog.getByLabel('How is it going?').fill('Third week running: 3 km without stopping!');
  await dialog.getByLabel('Photo to post').setInputFiles({ name: 'run.png', mimeType: 'image/png', buffer: PNG });
  await expect(dialog.getByText('run.png')).toBeVisible();
  await dialog.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Posted to the community.')).toBeVisible();

  // B: the post is in the community feed under Explore, by A's display name
  const other = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const pageB = await other.newPage();
  await signUp(pageB, uniqueEmail('fan'), 'Ben');
  await pageB.getByRole('navigation', { name: 'Main' }).getByText('Explore').first().click();
  await pageB.getByRole('tab', { name: 'Community' }).click();
  await expect(pageB).toHaveURL('/explore/community');
  const post = postBy(pageB, 'Ada');
  await expect(post.getByText('Third week running: 3 km without stopping!')).toBeVisible();
  await expect(post.getByRole('link', { name: 'Morning run' })).toBeVisible();
  await expect(post.getByRole('img', { name: 'Photo by Ada' })).toBeVisible();
  await expect.poll(() => post.getByRole('img', { name: 'Photo by Ada' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // kudos: the count follows, and taking it back works too
  await post.getByRole('button', { name: 'Give kudos (0 kudos)' }).click();
  await expect(post.getByRole('button', { name: 'Take back kudos (1 kudos)' })).toHaveAttribute('aria-pressed', 'true');
  await pageB.reload();
  await expect(postBy(pageB, 'Ada').getByRole('button', { name: 'Take back kudos (1 kudos)' })).toBeVisible();
  await shot(pageB, 'community-feed-desktop');

  // the report menu of someone else's post
  await postBy(pageB, 'Ada').getByRole('button', { name: 'Post actions' }).click();
  await pageB.getByRole('menuitem', { name: 'Report post' }).click();
  const report = pageB.getByRole('dialog', { name: 'Report this post' });
  await report.getByLabel('What is wrong with it?').fill('Testing the report menu');
  await report.getByRole('button', { name: 'Report' }).click();
  await expect(pageB.getByText('a moderator will look at this post')).toBeVisible();

  // the public habit's own page lists the post
  await postBy(pageB, 'Ada').getByRole('link', { name: 'Morning run' }).click();
  await expect(pageB.getByRole('heading', { name: 'Posts on “Morning run”' })).toBeVisible();
  await expect(postBy(pageB, 'Ada')).toHaveCount(1);

  // on a phone
  await pageB.setViewportSize({ width: 390, height: 844 });
  await pageB.goto('/explore/community');
  await expect(postBy(pageB, 'Ada')).toBeVisible();
  await expectNoSideways(pageB);
  await shot(pageB, 'community-feed-390');

  // A sees the kudos on their own post (no kudos button of their own) and deletes it
  await page.goto('/explore/community');
  const mine = postBy(page, 'Ada');
  await expect(mine.getByRole('button', { name: '1 kudos' })).toBeDisabled();
  await mine.getByRole('button', { name: 'Post actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete post' }).click();
  await expect(page.getByText('Post deleted.')).toBeVisible();
  await expect(postBy(page, 'Ada')).toHaveCount(0);
  await expect(page.getByText('No posts yet')).toBeVisible();

  await pageB.reload();
  await expect(postBy(pageB, 'Ada')).toHaveCount(0);
  await other.close();
});

test('a private habit has no Post progress button; the milestone setting is saved', async ({ page }) => {
  await signUp(page, uniqueEmail('private'), 'Pia');
  const habit = await createHabit(page, { name: 'Journal', action: 'write a line', place: 'desk', time_of_day: '21:00:00', reward_text: 'tea' });
  await page.goto(`/habits/${habit.id}`);
  await expect(page.getByRole('heading', { name: 'Journal', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Post progress' })).toHaveCount(0);

  await page.goto('/explore/community');
  const toggle = page.getByRole('switch', { name: /Post my streak milestones/ });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(page.getByRole('switch', { name: /Post my streak milestones/ })).toBeChecked();
});
