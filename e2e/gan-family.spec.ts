import { expect, test } from '@playwright/test';
import { LabPage } from './lab-page';

test('WGAN-GP with spectral norm and DiffAugment trains on WebGPU', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();

  await lab.field('GAN').selectOption('wgan-gp');
  await expect(page.getByText(/Preset: Gulrajani et al\. 2017/)).toBeVisible();
  await expect(lab.field('Gradient penalty weight')).toHaveValue('10');
  await expect(lab.field('Critic steps per generator step')).toHaveValue('5');
  await lab.field('Discriminator spectral norm').check();
  await lab.field('DiffAugment').check();
  await lab.fillRunForm({
    'Run name': 'WGAN-GP journey',
    'Train for': '3',
    'Batch size': '4',
    'Critic steps per generator step': '2',
    'Generator filters': '8',
    'Discriminator filters': '8',
    'Checkpoint every (steps)': '3',
    Backend: 'webgpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(page.getByLabel('Training backend')).toContainText('Backend: webgpu');
  await expect(lab.runStatus()).toContainText('completed · step 3 of 3', { timeout: 600_000 });
  await expect(lab.lossChart().locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  await expect(lab.lossChart().getByText('Discriminator', { exact: true })).toBeVisible();
  await expect(lab.lossChart().getByText('Generator', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Latest losses' })).toContainText('D/gp');

  // The stored configuration is the one the form showed.
  await lab.tab('Runs').click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'WGAN-GP journey' }) });
  await expect(row).toContainText('wgan-gp');
});

test('an out-of-range value names its field and nothing starts', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();

  await lab.fillRunForm({ 'Batch size': '0', 'Generator learning rate': '-0.1' });
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(lab.field('Batch size')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'batchSize is 0; it must be a whole number from 1 to 256' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'generator.learningRate is -0.1; it must be above 0 and at most 1' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'The run was not started' })).toBeVisible();
  await expect(lab.runStatus()).toHaveCount(0);
  await lab.tab('Runs').click();
  await expect(page.getByText('No run yet.')).toBeVisible();
});
