import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { standInExtractorModel } from '../src/ml/testing/stand-in-extractor';
import { LabPage } from './lab-page';
import { writeLayersModel } from './model-files';

test('live FID and KID appear while the phantom trains', async ({ page }) => {
  const extractor = await writeLayersModel(standInExtractorModel(), 'ganlab-extractor-');
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();

  // A small extractor made by the test stands in for Inception.
  await lab.tab('Metrics').click();
  await lab.field('Feature layer').fill('features');
  await page.getByLabel('Load feature extractor model').setInputFiles(extractor.files);
  await expect(page.getByRole('status').filter({ hasText: /Added model\.json/ })).toBeVisible();

  await lab.tab('Datasets').click();
  await page.getByRole('button', { name: /^Open Cardiac phantom/ }).click();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
  await lab.field('Live metrics extractor').selectOption({ label: 'model.json, layer features' });
  await lab.fillRunForm({
    'Evaluate every (steps)': '2',
    'Samples per evaluation': '16',
    'Train for': '4',
    'Batch size': '4',
    'Generator filters': '8',
    'Discriminator filters': '8',
    'Checkpoint every (steps)': '4',
    Backend: 'webgpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(lab.runStatus()).toContainText('completed · step 4 of 4', { timeout: 600_000 });
  const table = page.getByRole('table', { name: 'Fidelity metrics' });
  await expect(table.getByRole('caption')).toHaveText('Fidelity metrics (2)', { timeout: 300_000 });
  await expect(table).toContainText('2 (live)');
  await expect(table).toContainText('4 (live)');
  await expect(table).toContainText('104 / 16');
  await expect(page.getByRole('figure', { name: 'FID curve' }).locator('.recharts-line-dot')).toHaveCount(4);
});

test('the metrics page scores a checkpoint with every metric', async ({ page }) => {
  const extractor = await writeLayersModel(standInExtractorModel(), 'ganlab-extractor-');
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
  await lab.fillRunForm({ 'Run name': 'scored run', 'Train for': '2', 'Batch size': '2', 'Generator filters': '4', 'Discriminator filters': '4', 'Checkpoint every (steps)': '2', Backend: 'cpu' });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(lab.runStatus()).toContainText('completed · step 2 of 2', { timeout: 300_000 });

  await lab.tab('Metrics').click();
  await expect(lab.field('Feature extractor')).toBeDisabled();
  await expect(page.getByText('Disabled: add Inception weights or another extractor above.')).toBeVisible();
  await lab.field('Feature layer').fill('features');
  await page.getByLabel('Load feature extractor model').setInputFiles(extractor.files);
  await expect(page.getByRole('status').filter({ hasText: /Added model\.json/ })).toBeVisible();

  await lab.field('Run').selectOption({ label: 'scored run' });
  await lab.field('Generated samples').fill('32');
  await page.getByRole('button', { name: 'Compute metrics' }).click();
  const table = page.getByRole('table', { name: 'Fidelity metrics' });
  await expect(table.getByRole('caption')).toHaveText('Fidelity metrics (1)', { timeout: 300_000 });
  const row = table.getByRole('row').filter({ hasText: '2 (on-demand)' });
  await expect(row).toContainText('104 / 32');
  await expect(row.getByRole('cell').nth(5)).toHaveText(/^\d\.\d{3}$/);
  await expect(row).toContainText(/features: [\d.]+ %, pixels: [\d.]+ %/);
  await expect(page.getByRole('list', { name: 'Memorisation pairs, pixels' }).getByRole('listitem')).toHaveCount(8);
});

test('Inception weights of the wrong layout are refused by name', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await lab.tab('Metrics').click();
  // A reduced-width Inception made with PyTorch for the parity test: right names, wrong shapes.
  await page.getByLabel('Load Inception weights').setInputFiles(join(import.meta.dirname, '../src/ml/metrics/inception/fixtures/fid-inception-d8.pt'));
  const alert = page.getByRole('alert').filter({ hasText: 'pt_inception-2015-12-05-6726825d.pth' });
  await expect(alert).toContainText('fid-inception-d8.pt');
  await expect(page.getByText('No extractor is loaded yet')).toBeVisible();
});
