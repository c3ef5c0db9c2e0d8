import type { Page } from '@playwright/test';
import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

// A 1×1 PNG and the smallest PDF the server's type check accepts (it reads the content, not the name).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function createGoal(page: Page, title: string, stages: string[] = []): Promise<number> {
  const headers = { Authorization: `Bearer ${await accessToken(page)}` };
  const res = await page.request.post('/api/goals/', { data: { title, description: 'Finish a full 42 km race before the autumn.', deadline: '2027-10-01' }, headers });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: number };
  for (const stage of stages) {
    const added = await page.request.post(`/api/goals/${id}/stages/`, { data: { title: stage }, headers });
    expect(added.status()).toBe(201);
  }
  return id;
}

async function stageTitles(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Stages' }).getByRole('listitem').allInnerTexts();
}

async function expectNoSideways(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
}

test('a goal from creation to completed, reordered, with files, then archived', async ({ page }) => {
  await signUp(page, uniqueEmail('goals'), 'Gia');
  await createHabit(page, { name: 'Run', action: 'run 3 km', place: 'the park', time_of_day: '07:00:00', reward_text: 'a smoothie' });

  await page.getByRole('navigation', { name: 'Main' }).getByText('Goals').first().click();
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
  await expect(page.getByText('No goals here')).toBeVisible();

  // the form shows its own check on the field, then creates the goal with a linked habit
  await page.getByRole('button', { name: 'New goal' }).click();
  const form = page.getByRole('form', { name: 'New goal' });
  await form.getByRole('button', { name: 'Create goal' }).click();
  await expect(form.getByText('Give the goal a title.')).toBeVisible();
  await form.getByLabel(/^Title/).fill('Run a marathon');
  await form.getByLabel('Deadline').fill('2027-10-01');
  await form.getByLabel('Linked habits').click();
  await page.getByRole('option', { name: 'Run' }).click();
  await form.getByRole('button', { name: 'Create goal' }).click();
  await expect(page).toHaveURL(/\/goals\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Run a marathon', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Run' })).toHaveAttribute('href', /\/habits\/\d+$/);
  await expect(page.getByText('No stages yet', { exact: true })).toBeVisible();

  // the AI button is hidden: the e2e backend has no AI key
  await expect(page.getByRole('button', { name: /Suggest stages/ })).toHaveCount(0);

  for (const title of ['Run 10 km', 'Run a half marathon', 'Buy shoes']) {
    await page.getByLabel('New stage').fill(title);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('checkbox', { name: `Done: ${title}` })).toBeVisible();
  }
  await expect(page.getByText('0 of 3 stages · 0 %')).toBeVisible();

  // reorder: shoes first, and the order survives a reload (it is the server's)
  await page.getByRole('button', { name: 'Move up: Buy shoes' }).click();
  await page.getByRole('button', { name: 'Move up: Buy shoes' }).click();
  await expect.poll(() => stageTitles(page)).toEqual(['Buy shoes', 'Run 10 km', 'Run a half marathon']);
  await page.reload();
  await expect.poll(() => stageTitles(page)).toEqual(['Buy shoes', 'Run 10 km', 'Run a half marathon']);

  // rename in place
  await page.getByRole('button', { name: 'Edit: Run 10 km' }).click();
  await page.getByRole('form', { name: 'Edit stage Run 10 km' }).getByLabel('Stage').fill('Run 15 km');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByRole('checkbox', { name: 'Done: Run 15 km' })).toBeVisible();

  for (const title of ['Buy shoes', 'Run 15 km']) {
    await page.getByRole('checkbox', { name: `Done: ${title}` }).click();
    await expect(page.getByRole('checkbox', { name: `Done: ${title}` })).toBeChecked();
  }
  await expect(page.getByText('2 of 3 stages · 66 %')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Done: Run a half marathon' }).click();
  await expect(page.getByText('3 of 3 stages · 100 %')).toBeVisible();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();

  // files: a photo shows as a preview, a PDF as an icon
  const picker = page.getByLabel('File to attach');
  await picker.setInputFiles({ name: 'finish.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByRole('img', { name: 'finish.png' })).toBeVisible();
  await picker.setInputFiles({ name: 'certificate.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'Open certificate.pdf' })).toBeVisible();
  expect(await page.getByRole('img', { name: 'finish.png' }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // a file that is neither an image nor a PDF is refused with a readable message
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just text') });
  await expect(page.getByRole('alert').filter({ hasText: /JPEG|PDF|type/i })).toBeVisible();
  await shot(page, 'goals-01-completed-with-files');

  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('Archived', { exact: true })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Goals' }).click();
  await expect(page).toHaveURL(/tab=archived/);
  await expect(page.getByRole('list', { name: 'archived goals' })).toContainText('Run a marathon');
  await page.getByRole('tab', { name: 'Open' }).click();
  await expect(page.getByText('No goals here')).toBeVisible();
  await page.getByRole('tab', { name: 'Archived' }).click();
  await expect(page.getByRole('list', { name: 'archived goals' })).toContainText('3 of 3 stages · 100 %');
  await shot(page, 'goals-02-archived');

  // unarchived, it is back under Completed
  await page.getByRole('link', { name: /Run a marathon/ }).click();
  await page.getByRole('button', { name: 'Unarchive' }).click();
  await expect(page.getByRole('button', { name: 'Archive' })).toBeVisible();
  await page.goto('/goals?tab=completed');
  await expect(page.getByRole('list', { name: 'completed goals' })).toContainText('Run a marathon');
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`on a desktop, ${scheme}`, () => {
    test.use({ colorScheme: scheme });

    test(`the goal list and a goal at 1280 px, ${scheme}`, async ({ page }) => {
      await signUp(page, uniqueEmail(`goals-desk-${scheme}`), 'Dee');
      await createGoal(page, 'Read 20 books this year', ['Pick the list', 'Read 5']);
      const id = await createGoal(page, 'Run a marathon', ['Run 10 km', 'Run a half marathon', 'Run 30 km']);
      await page.goto('/goals');
      await expect(page.getByRole('list', { name: 'open goals' }).getByRole('listitem')).toHaveCount(2);
      await shot(page, `goals-03-list-desktop-${scheme}`);
      await page.goto(`/goals/${id}`);
      await page.getByRole('checkbox', { name: 'Done: Run 10 km' }).click();
      await expect(page.getByText('1 of 3 stages · 33 %')).toBeVisible();
      const reminder = page.getByRole('form', { name: 'Reminder' });
      await reminder.getByLabel('Remind me about this goal').click();
      await reminder.getByRole('button', { name: 'Save' }).click();
      await expect(reminder.getByText(/^Next reminder: /)).toBeVisible();
      await page.reload();
      await expect(reminder.getByLabel('Remind me about this goal')).toBeChecked();
      await shot(page, `goals-04-goal-desktop-${scheme}`);
    });
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`on a phone, ${scheme}`, () => {
    test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme: scheme });

    test('goals and a goal fit the screen', async ({ page }) => {
      await signUp(page, uniqueEmail(`goals-phone-${scheme}`), 'Pat');
      const id = await createGoal(page, 'Learn to swim a full kilometre without stopping', ['Swim 100 m', 'Swim 500 m without a break', 'Swim 1 km']);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('button', { name: 'Goals' }).click();
      await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible();
      await expectNoSideways(page);
      await shot(page, `goals-05-phone-list-${scheme}`);
      await page.goto(`/goals/${id}`);
      await page.getByRole('checkbox', { name: 'Done: Swim 100 m' }).click();
      await expect(page.getByText('1 of 3 stages · 33 %')).toBeVisible();
      await page.getByLabel('File to attach').setInputFiles({ name: 'pool.png', mimeType: 'image/png', buffer: PNG });
      await expect(page.getByRole('img', { name: 'pool.png' })).toBeVisible();
      await expectNoSideways(page);
      await shot(page, `goals-06-phone-goal-${scheme}`);
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await expect(page.getByRole('form', { name: 'Edit goal' })).toBeVisible();
      await expectNoSideways(page);
      await shot(page, `goals-07-phone-edit-${scheme}`);
    });
  });
}
