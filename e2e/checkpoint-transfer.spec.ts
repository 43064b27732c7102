import { expect, test } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabPage } from './lab-page';

test('a checkpoint exports as a zip and imports as a resumable run', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
  await lab.fillRunForm({
    'Run name': 'exported run',
    'Train for': '2',
    'Batch size': '2',
    'Generator filters': '4',
    'Discriminator filters': '4',
    'Checkpoint every (steps)': '2',
    Backend: 'cpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(lab.runStatus()).toContainText('completed · step 2 of 2', { timeout: 300_000 });

  await lab.tab('Runs').click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export checkpoint of exported run' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('exported-run-step2.zip');
  const zipPath = join(mkdtempSync(join(tmpdir(), 'ganlab-export-')), download.suggestedFilename());
  await download.saveAs(zipPath);

  await page.getByLabel('Import checkpoint').setInputFiles(zipPath);
  await expect(page.getByRole('status').filter({ hasText: 'Imported exported run (imported) at step 2' })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'exported run (imported)' }) });
  await expect(row).toContainText('stopped');
  await expect(row.getByRole('cell').nth(4)).toHaveText('2');
});

test('importing a file that is not a checkpoint names the file', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  const notes = join(mkdtempSync(join(tmpdir(), 'ganlab-import-')), 'notes.zip');
  writeFileSync(notes, 'these are not weights');
  await lab.tab('Runs').click();
  await page.getByLabel('Import checkpoint').setInputFiles(notes);
  await expect(page.getByRole('alert')).toContainText('notes.zip: it is not a readable zip archive');
});
