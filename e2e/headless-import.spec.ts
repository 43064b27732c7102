import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ACDC_FOLDER } from './acdc-fixture';
import { LabPage } from './lab-page';

const ROOT = resolve(import.meta.dirname, '..');

test('a WGAN-GP checkpoint written by the command line loads and resumes in the lab', async ({ page }) => {
  // Train headless for 2 of 3 steps on the real ACDC folder.
  const out = mkdtempSync(join(tmpdir(), 'ganlab-headless-'));
  writeFileSync(join(out, 'overrides.json'), JSON.stringify({ generator: { filters: 4 }, discriminator: { filters: 4 }, criticSteps: 1 }));
  execFileSync(
    process.execPath,
    ['scripts/run-node.mjs', 'src/cli/main.ts', 'train', '--data', ACDC_FOLDER, '--gan', 'wgan-gp', '--size', '32', '--steps', '3', '--batch', '4',
      '--checkpoint-every', '2', '--config', join(out, 'overrides.json'), '--out', out],
    { cwd: ROOT, stdio: 'pipe' },
  );

  // The lab needs a dataset of the same shape: ACDC at 32 x 32.
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await lab.tab('Datasets').click();
  await lab.field('Slice size').selectOption('32');
  await page.getByLabel('Add dataset folder').setInputFiles(ACDC_FOLDER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/training|acdc/i, { timeout: 300_000 });

  await lab.tab('Runs').click();
  await page.getByLabel('Import checkpoint').setInputFiles(join(out, 'checkpoints', 'step-000002.zip'));
  const name = `wgan-gp on ${ACDC_FOLDER.split('/').pop()} (imported)`;
  await expect(page.getByRole('status').filter({ hasText: `Imported ${name} at step 2` })).toBeVisible();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
  await expect(row).toContainText('wgan-gp');

  await row.getByRole('button', { name: `Open ${name}` }).click();
  await lab.field('Continue on backend').selectOption('webgpu');
  await page.getByRole('button', { name: 'Resume from step 2' }).click();
  await expect(lab.runStatus()).toContainText('completed · step 3 of 3', { timeout: 300_000 });
  await expect(page.getByRole('table', { name: 'Latest losses' })).toContainText('D/gp');
});
