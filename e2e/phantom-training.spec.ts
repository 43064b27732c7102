import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('built-in phantom trains on WebGPU with live losses and samples', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await expect(page.getByRole('list', { name: 'Slice preview' }).getByRole('listitem').first()).toBeVisible();

  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
  await lab.fillRunForm({
    'Train for': '3',
    'Batch size': '4',
    'Generator filters': '8',
    'Discriminator filters': '8',
    'Checkpoint every (steps)': '2',
    'Refresh samples every (images)': '4',
    Backend: 'webgpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(page.getByLabel('Training backend')).toContainText('Backend: webgpu');
  await expect(lab.runStatus()).toContainText('completed · step 3 of 3', { timeout: 600_000 });
  await expect(lab.lossChart().locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  await expect(lab.lossChart().locator('.recharts-line-dot')).toHaveCount(6);
  await expect(lab.sampleTiles()).toHaveCount(16);
  await expect(page.getByText(/Samples at step 3/)).toBeVisible();
});
