import { expect, test as base, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { SCREENSHOT_DIR } from '../playwright.config';

export const PASSWORD = 'tiny-steps-every-day-42';

let counter = 0;
/** An email no earlier test (or run: the database is fresh each run) has used. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now()}-${counter}@example.com`;
}

/** Full-page screenshot into the folder the run prints. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, 0));
  // A toast from the last action would hide part of the page; two can show at once (a mark's
  // and an achievement's), so each is closed in turn.
  const toasts = page.locator('.MuiSnackbar-root');
  while (await toasts.count()) {
    const count = await toasts.count();
    await toasts.first().getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => toasts.count()).toBeLessThan(count);
  }
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** What the screen shows right now, scrolled where it is and with any toast: for where focus lands. */
export async function viewportShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** One part of the page, e.g. a chart, at full resolution. */
export async function partShot(locator: Locator, name: string): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/**
 * Every test fails on a console error or an uncaught exception in the page. Chromium's own
 * "Failed to load resource" lines are left out: they are the network log of answers such as the
 * 400 a test provokes on purpose, not errors of the app.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function signUp(page: Page, email: string, name = 'Ann'): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL('/');
}

/** The access token of the session the app keeps in localStorage. */
export async function accessToken(page: Page): Promise<string> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('aht-auth') ?? '{}').state.tokens.access as string);
}

/** Creates a habit through the API with the session the app keeps. */
export async function createHabit(page: Page, body: Record<string, unknown>): Promise<{ id: number }> {
  const res = await page.request.post('/api/habits/', { data: body, headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}
