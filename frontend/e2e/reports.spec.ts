import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { accessToken, expect, shot, signUp, test, uniqueEmail } from './fixtures';

/** Runs a backend function once, as the worker would (the e2e backend runs no worker). */
function runTask(module: string, fn: string, args: string): string {
  return execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), module, fn, args], { encoding: 'utf8' });
}

async function myId(page: Page): Promise<number> {
  const res = await page.request.get('/api/auth/me/', { headers: { Authorization: `Bearer ${await accessToken(page)}` } });
  expect(res.status()).toBe(200);
  return (await res.json()).id as number;
}

async function openReports(page: Page, phone: boolean) {
  if (phone) await page.getByRole('link', { name: 'Reports' }).click();
  else await page.getByRole('navigation', { name: 'Main' }).getByText('Reports').first().click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
}

for (const phone of [false, true]) {
  const device = phone ? 'phone' : 'desktop';
  test.describe(device, () => {
    if (phone) test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

    test(`see which habits go with better days, a long range computed in the background, the weekly summary (${device})`, async ({ page }) => {
      test.setTimeout(300_000); // three backend tasks run from the shell, on a shared box
      await signUp(page, uniqueEmail(`reports-${device}`), 'Mo');
      const userId = await myId(page);
      await openReports(page, phone);
      await expect(page.getByText(/Too little data for an insight/)).toBeVisible();

      runTask('reports.tests.e2e_seed', 'report_seed', String(userId));
      await page.getByRole('button', { name: '90 days' }).click();
      await page.getByRole('button', { name: '30 days' }).click();
      await expect(page.getByText(/On days you did “Run” your mood was .* higher/)).toBeVisible();
      await expect(page.getByRole('img', { name: 'Mood on done and not-done days per habit' })).toBeVisible();
      const tooLittle = page.getByRole('list', { name: 'Habits with too little data' });
      await expect(tooLittle).toContainText('Read');
      await expect(tooLittle).toContainText('Too little data');
      await expect(page.getByText('Best week')).toBeVisible();
      await shot(page, `reports-01-report-${device}`);

      // a year: a job; the worker's run fills it and the page shows the report
      await page.getByRole('button', { name: '365 days' }).click();
      await expect(page.getByRole('status', { name: 'Computing the report' })).toBeVisible();
      await shot(page, `reports-02-computing-${device}`);
      const [from, to] = await page.evaluate(() => [364, 0].map((days) => {
        const d = new Date();
        d.setDate(d.getDate() - days);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      }));
      const jobs = await page.request.get('/api/reports/habits-mood/', {
        params: { from, to },
        headers: { Authorization: `Bearer ${await accessToken(page)}` },
      });
      expect(jobs.status()).toBe(202);
      runTask('reports.tasks', 'report_job_run_task', String((await jobs.json()).id));
      await expect(page.getByText(/On days you did “Run”/)).toBeVisible({ timeout: 15_000 });

      // the weekly summary: a day chosen, then last week's card
      await page.getByRole('combobox', { name: 'Send it on' }).click();
      await page.getByRole('option', { name: 'Mon' }).click();
      await expect(page.getByRole('combobox', { name: 'Send it on' })).toHaveText('Mon');
      runTask('reports.tests.e2e_seed', 'summary_seed', String(userId));
      await page.reload();
      await expect(page.getByLabel('Last weekly summary')).toContainText(/Done \d+ of \d+/);
      await expect(page.getByRole('combobox', { name: 'Send it on' })).toHaveText('Mon');
      await shot(page, `reports-03-summary-${device}`);
    });
  });
}
