import { accessToken, createHabit, expect, shot, signUp, test, uniqueEmail } from './fixtures';

// A 1×1 PNG (the server reads the content, not the name).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('a day in the journal: an entry with tags, a note and a photo, the year in pixels, filters, edit and delete', async ({ page }) => {
  test.setTimeout(150_000); // a long journey on a shared box
  await signUp(page, uniqueEmail('journal'), 'Jo');
  await page.getByRole('navigation', { name: 'Main' }).getByText('Journal').first().click();
  await expect(page.getByRole('heading', { name: 'Journal', level: 1 })).toBeVisible();
  await expect(page.getByText('No entries yet.')).toBeVisible();

  // quick entry: a face, energy, a new tag, a markdown note and a photo
  const form = page.getByRole('region', { name: 'New entry' });
  await form.getByRole('radio', { name: 'Mood 4: Good' }).click();
  await form.getByRole('button', { name: 'Energy 3' }).click();
  await form.getByLabel('New tag').fill('Walk');
  await form.getByRole('button', { name: 'Add tag' }).click();
  await expect(form.getByRole('button', { name: 'Walk' })).toHaveAttribute('aria-pressed', 'true');
  await form.getByLabel('Note (markdown)').fill('A **long** walk by the river');
  await form.getByLabel('Photo').setInputFiles({ name: 'river.png', mimeType: 'image/png', buffer: PNG });
  await form.getByRole('button', { name: 'Save entry' }).click();
  await expect(page.getByText('Saved in your journal.')).toBeVisible();

  const entries = page.getByRole('region', { name: 'Entries' });
  const card = entries.getByRole('listitem').first();
  await expect(card.locator('strong')).toHaveText('long');
  await expect(card.getByText('Walk', { exact: true })).toBeVisible();
  await expect(card.getByRole('img', { name: 'river.png' })).toBeVisible();
  await expect(page.getByTestId('journal-summary')).toContainText('1 entry · streak 1 day');

  // a second, back-dated entry through the API, then the year in pixels shows both days
  const headers = { Authorization: `Bearer ${await accessToken(page)}` };
  const year = new Date().getFullYear();
  const earlier = await page.request.post('/api/journal/entries/', { data: { mood: 1, date: `${year}-01-02`, note: 'flu' }, headers });
  expect(earlier.status(), await earlier.text()).toBe(201);
  await page.reload();
  await expect(page.getByRole('gridcell', { name: `${year}-01-02: mood 1 (1 entry)` })).toBeVisible();
  await expect(page.locator('[role="gridcell"][data-mood]')).toHaveCount(2);
  await shot(page, 'journal-01-desktop');

  // filters: by mood, then by tag
  await entries.getByRole('combobox', { name: 'Mood' }).click();
  await page.getByRole('option', { name: /Awful/ }).click();
  await expect(entries.getByRole('listitem')).toHaveCount(1);
  await expect(entries.getByText('flu')).toBeVisible();
  await entries.getByRole('button', { name: 'Clear' }).click();
  await entries.getByRole('combobox', { name: 'Tag' }).click();
  await page.getByRole('option', { name: 'Walk' }).click();
  await expect(entries.getByRole('listitem')).toHaveCount(1);
  await entries.getByRole('button', { name: 'Clear' }).click();
  await expect(entries.getByRole('listitem')).toHaveCount(2);

  // edit the January entry's mood, then delete it
  await entries.getByRole('button', { name: `Edit the entry of ${year}-01-02` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit the entry' });
  await dialog.getByRole('radio', { name: 'Mood 2: Bad' }).click();
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('gridcell', { name: `${year}-01-02: mood 2 (1 entry)` })).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await entries.getByRole('button', { name: `Delete the entry of ${year}-01-02` }).click();
  await expect(page.getByText('Entry deleted.')).toBeVisible();
  await expect(entries.getByRole('listitem')).toHaveCount(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the journal from the app bar, and a note on a check-in from Today', async ({ page }) => {
    await signUp(page, uniqueEmail('journal-phone'), 'Pia');
    // late in the day: today's instance exists whatever the hour the suite runs (not after 23:59 UTC)
    await createHabit(page, { name: 'Stretch', action: 'stretch 5 minutes', place: 'the bedroom', time_of_day: '23:59:00', reward_text: 'tea' });
    await page.goto('/');

    // a note on today's check-in, small and beside the habit
    const card = page.getByRole('article', { name: 'Stretch' });
    await card.getByRole('button', { name: 'Add a note to Stretch' }).click();
    await card.getByLabel('Note on Stretch').fill('Tight hamstrings');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(card.getByTestId('checkin-note')).toHaveText('“Tight hamstrings”');
    await page.reload();
    await expect(page.getByRole('article', { name: 'Stretch' }).getByTestId('checkin-note')).toHaveText('“Tight hamstrings”');
    await shot(page, 'journal-02-phone-today-note');

    await page.getByRole('link', { name: 'Journal' }).click();
    await expect(page.getByRole('heading', { name: 'Journal', level: 1 })).toBeVisible();
    const form = page.getByRole('region', { name: 'New entry' });
    await form.getByRole('radio', { name: 'Mood 5: Great' }).click();
    await form.getByRole('button', { name: 'Save entry' }).click();
    await expect(page.getByRole('region', { name: 'Entries' }).getByRole('listitem')).toHaveCount(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await shot(page, 'journal-03-phone');
  });
});
