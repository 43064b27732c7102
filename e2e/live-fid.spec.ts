import { expect, test } from '@playwright/test';
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
