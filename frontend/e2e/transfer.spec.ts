// Import and export on the profile: a Loop Habit Tracker export made here comes in with its
// history and a report; the account goes out as an Excel workbook.
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, shot, signUp, test, uniqueEmail, viewportShot } from './fixtures';

// Each import runs its job through run-task.sh (a Django process start of several seconds).
test.describe.configure({ timeout: 180_000 });

/** A zip in Loop's CSV export format (Habits.csv, then "NNN Name/Checkmarks.csv"), written with
 * Python's zipfile as Loop's exporter would lay it out. */
function loopZip(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'loop-')), 'Loop Habits CSV 2026-01-08.zip');
  const script = `
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Habits.csv", "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,Color,Unit,Target Type,Target Value,Archived?\\n"
               "001,Meditate,YES_NO,Did you meditate today?,,1,1,#FF8F00,,AT_LEAST,0,false\\n"
               "002,Call mom,YES_NO,,,1,4,#FF8F00,,AT_LEAST,0,false\\n")
    z.writestr("001 Meditate/Checkmarks.csv", "Date,Value,Notes\\n2026-01-03,YES_MANUAL,calm\\n2026-01-02,NO,\\n2026-01-01,YES_MANUAL,\\n")
    z.writestr("002 Call mom/Checkmarks.csv", "Date,Value,Notes\\n2026-01-02,YES_MANUAL,\\n")
`;
  execFileSync('python3', ['-c', script, file]);
  return file;
}

/** What the Celery worker does with a queued import: the e2e backend runs no worker. */
function runImport(jobId: number): void {
  execFileSync('bash', [path.join(import.meta.dirname, 'run-task.sh'), 'imports.tasks', 'import_job_run_task', String(jobId)], { encoding: 'utf8' });
}

async function importFile(page: Page, file: string) {
  const accepted = page.waitForResponse((r) => r.url().endsWith('/api/imports/') && r.request().method() === 'POST');
  await page.getByLabel('File to import').setInputFiles(file);
  const response = await accepted;
  expect(response.status()).toBe(202);
  const job = (await response.json()) as { id: number; status: string };
  await expect(page.getByText(/^Importing Loop Habits CSV/)).toBeVisible();
  runImport(job.id);
}

test('a Loop export comes in with its history and a report; the account goes out as xlsx', async ({ page }) => {
  await signUp(page, uniqueEmail('transfer'));
  await page.goto('/profile');
  await page.waitForLoadState('networkidle');
  await page.getByText('Import and export', { exact: true }).scrollIntoViewIfNeeded();

  await importFile(page, loopZip());
  const report = page.getByTestId('import-report');
  await expect(report.getByText('Imported 2 habits with 4 check-ins.')).toBeVisible();
  await expect(report.getByText('1 times in 4 days → every 3 days')).toBeVisible();
  await expect(report.getByText('3 days of history')).toBeVisible();
  await report.scrollIntoViewIfNeeded();
  await viewportShot(page, 'transfer-01-import-report');

  // the imported habit, with its history, is one click away
  await report.getByRole('link', { name: 'Meditate' }).click();
  await expect(page.getByRole('heading', { name: 'Meditate' })).toBeVisible();
  await shot(page, 'transfer-02-imported-habit');

  // a second upload of the same file creates nothing and says why
  await page.goto('/profile');
  await page.waitForLoadState('networkidle');
  await importFile(page, loopZip());
  await expect(page.getByText('Imported 0 habits with 0 check-ins.')).toBeVisible();
  await expect(page.getByText('You already have a habit with this name.').first()).toBeVisible();

  // a file of no known kind is refused at once, saying so
  await page.getByLabel('File to import').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByText(/neither a zip archive nor JSON/)).toBeVisible();

  // export: the Excel workbook is the default format
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my data' }).click();
  expect((await download).suggestedFilename()).toBe('atomic-habits-export.xlsx');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the import report fits the screen', async ({ page }) => {
    await signUp(page, uniqueEmail('transfer-phone'));
    await page.goto('/profile');
    await page.waitForLoadState('networkidle');
    await importFile(page, loopZip());
    const report = page.getByTestId('import-report');
    await expect(report.getByText('Imported 2 habits with 4 check-ins.')).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
    await report.scrollIntoViewIfNeeded();
    await viewportShot(page, 'transfer-03-phone-report');
  });
});
