import type { Page } from '@playwright/test';
import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

// A small landscape (320×180 PNG): the server re-encodes it and serves it through a signed link.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAUAAAAC0CAIAAABqhmJGAAAEpUlEQVR42u3dsXUTQRSFYbjHEREVuAQiqnERlEU1HBI6UEDkwE4cUwAHDLK0mjvv+2NjzSzz6e0Kc/z+05eHd5I6i0sgASwJYEkASwBLAlgSwJIAlgCWBLAkgCWAJQEsCWBJAEsASwJYEsCSAJb26M4l0Ni+Pbz8/Qs+f/0AsNSE9k9fvCZmgIXuf/zx1RgDLG7P+W6LSPYhluhd6zubwNIRwFa4qTaBRW/xKAZY9BYbBlj0Fr8uwKK3+NUBFr3FawBY9BavBGDRW7wegEVv8aoAlooDWMZv8doAFr3FKwRYcgstCWBpm/vnY9YJsGQCS8bvLVYLsGQCSwJYEsDyADxlzQBLJrAkgCUBLAEsCWBJAEsCWAJYEsCSANawFvnN2ousGWDJBJYEsCSA5TF4ymoBlkxgyRC+xToBlkxgSQBLO91FH7BCgMVw8doAltxCS4bwLVYFsBguXg/AF+vpdHIRGD54JQBfUi/Dww0fvwaALzx7GR5r+CavDrA7Z4aLXxfgy+tFeprhG05+gK8yexmeY/i29+13/rKvdOf8dDp9vL93oW5r+Kq/i3SFj81M4Cs+95rDG4/iRf7hygS+ll5zeDXDF5nGq/3QCMBX1KudbqrX/JlNgK+u1xBe9qb6Vczr/49FgI+YvQxPe0I+LB9iHXTn7N5bAHc/9zIsgFv1SgDX6/V2IIC7Zy/DArj7zplhAdz93MuwAO6mxbAAhmpcP7//cBEAXkKv94vz9DIM8CqWGD5v9jIM8CqKGP4Xur+LZRjgVfwwfN5DL8Ohl5BSvQxPB7yUXm8lZ+OcbDj0WlLLQy/DAK9OheGzNc40HHotbwO9Yw2HXovcQ+9Mw6FX2+gdaDj0Wu0KdC+rbo7h0GvNewzemYZDr5Xvp3eO4dBr/VvqHWI49GqDh96xhkOvjew3eOcYDr22M8HSroZDr00NUbSl4TjotjbHz36G44jb4AFs1pGzmeE43JoGZifDoddOB1LZxnCcafudiWQPw3Ga7Xrvh969Dcc5tvfJKtoNxwnWcA/VhkOvtzASelceB5dhc6x3/XFkGX770d/jE93GXcRhZXjy4G3fThxThunt3VQcUNHbu7XQawiPfejdwHCcS4YN3t6dxolkmN7e/YZehunt3XXoFb29ew+9hvCrx3ey3sUNh16GDd7eSxF6Gaa394KEXobp7b0soZdhD729hkOvDN7eqxR6DWF6ew2HXobp7TUcehmmt9dw6B1u2EdW1YZDr8On3ssYescOYXo3MBx6HTj1XtLQO62Xx+eXx2fXYQ/DoXeaXhdhJ8Ohl171Gg699KrXcOilV72GQ+/2dOnd2HDoNXjVazj00qtew6GXXvUaDr0eetVrOPQavOo1HHrpVa/h0Euveg2HXnrVazj0ttOld7Lh0Gvwqtdw6KVXvYZDL73qNRx6PfSq13DoNXjVazj00qtew6GXXvUaDr30qtdw6F2cLr0MXwYwvQavVjMceulVr+HQS696DYdeD73qNRx6DV71Gg699KrXcOilV72GQy+96jUcem9Ll169xXDoNXjVazj00qtew6GXXvUaDr0eetVrOPQavOo1/As6HUgTIgk39QAAAABJRU5ErkJggg==',
  'base64',
);

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
  await shot(page, 'community-post-dialog-desktop');
  await dialog.getByRole('button', { name: 'Post', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Posted to the community.')).toBeVisible();

  // B: the post is in the community feed (its own entry in the desktop navigation), by A's
  // display name
  const other = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const pageB = await other.newPage();
  await signUp(pageB, uniqueEmail('fan'), 'Ben');
  await pageB.getByRole('navigation', { name: 'Main' }).getByText('Community').first().click();
  await expect(pageB).toHaveURL('/community');
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

  // on a phone: the bottom navigation's Explore leads to the feed through its tabs
  await pageB.setViewportSize({ width: 390, height: 844 });
  await pageB.goto('/');
  await pageB.getByRole('navigation', { name: 'Main' }).getByText('Explore').click();
  await pageB.getByRole('tab', { name: 'Community' }).click();
  await expect(pageB).toHaveURL('/community');
  await expect(postBy(pageB, 'Ada')).toBeVisible();
  await expectNoSideways(pageB);
  await shot(pageB, 'community-feed-390');

  // A sees the kudos on their own post (no kudos button of their own) and deletes it
  await page.goto('/community');
  const mine = postBy(page, 'Ada');
  await shot(page, 'community-own-post-desktop');
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

  await page.goto('/community');
  const toggle = page.getByRole('switch', { name: /Post my streak milestones/ });
  await expect(toggle).not.toBeChecked();
  await toggle.click();
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(page.getByRole('switch', { name: /Post my streak milestones/ })).toBeChecked();
});
