import { createHabit, expect, partShot, shot, signUp, test, uniqueEmail } from './fixtures';

test('the profile shows the calendar link; it serves the habits; regenerate kills the old link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signUp(page, uniqueEmail('calendar'), 'Cal');
  await createHabit(page, { name: 'Morning pages', action: 'write 3 pages', place: 'the desk', time_of_day: '07:30:00', reward_text: 'tea' });

  await page.goto('/profile');
  const section = page.getByRole('region', { name: 'Calendar' });
  const field = section.getByTestId('calendar-url');
  await expect(field).toHaveValue(/\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
  const oldUrl = await field.inputValue();
  await expect(section.getByRole('link', { name: 'Subscribe' })).toHaveAttribute('href', oldUrl.replace(/^https?:\/\//, 'webcal://'));
  await expect(section.getByText('Other calendars → + → From URL')).toBeVisible();

  await section.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText('Calendar link copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(oldUrl);

  // what a calendar app would fetch, through the same web server (its proxy sends /ical/ to the API)
  const feed = await page.request.get(oldUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const body = await feed.text();
  expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
  expect(body).toContain('SUMMARY:Morning pages');
  expect(body).toContain('RRULE:FREQ=DAILY');
  expect(body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin');
  expect(body).toMatch(/DTSTART;TZID=Europe\/Berlin:\d{8}T073000/);
  const notModified = await page.request.get(oldUrl, { headers: { 'If-None-Match': feed.headers()['etag'] } });
  expect(notModified.status()).toBe(304);

  await shot(page, 'calendar-profile');
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  await partShot(section, 'calendar-profile-390');
  await page.setViewportSize({ width: 1280, height: 860 });

  await section.getByRole('button', { name: 'Regenerate link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a new calendar link?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Regenerate' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(field).not.toHaveValue(oldUrl);
  const newUrl = await field.inputValue();
  expect(newUrl).toMatch(/\/ical\/[A-Za-z0-9_-]{43}\.ics$/);

  const gone = await page.request.get(oldUrl);
  expect(gone.status()).toBe(404);
  expect(((await gone.json()) as { error: { code: string } }).error.code).toBe('not_found');
  const fresh = await page.request.get(newUrl);
  expect(fresh.status()).toBe(200);
  expect(await fresh.text()).toContain('SUMMARY:Morning pages');

  // the profile shows the new link after a reload too
  await page.reload();
  await expect(page.getByRole('region', { name: 'Calendar' }).getByTestId('calendar-url')).toHaveValue(newUrl);
});
