import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LabPage } from './lab-page';

test('an experiment on the phantom fills the table, resumes after a reload and exports CSV', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();

  // A 32 x 32 phantom keeps the U-Nets small.
  await lab.tab('Datasets').click();
  await lab.field('Phantom size').selectOption('32');
  await page.getByRole('button', { name: 'Generate cardiac phantom' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cardiac phantom 32x32' })).toBeVisible({ timeout: 120_000 });

  await lab.tab('Experiments').click();
  await lab.field('Experiment dataset').selectOption({ label: 'Cardiac phantom 32x32 (32 x 32)' });
  await lab.field('Experiment name').fill('Phantom study');
  // Without a GAN checkpoint the synthetic sets start unticked, and ticking one alone is refused by name.
  await expect(lab.field('Synthetic data only')).not.toBeChecked();
  await expect(lab.field('Original + synthetic data')).not.toBeChecked();
  await lab.field('Synthetic data only').check();
  await page.getByRole('button', { name: 'Queue experiment' }).click();
  await expect(page.getByRole('alert')).toContainText('GAN checkpoints: synthetic training sets need at least one GAN checkpoint');
  await lab.field('Synthetic data only').uncheck();
  await lab.field("FID in the U-Net's features").uncheck();
  await lab.fillRunForm({ 'U-Net filters': '4', 'U-Net epochs': '1', 'U-Net batch size': '16', 'Experiment backend': 'webgl' });
  await page.getByRole('button', { name: 'Queue experiment' }).click();

  // Reload once the first U-Net is done: the experiment resumes at the second.
  const status = page.getByRole('status', { name: 'Status of Phantom study' });
  await expect(status).toContainText('1 of 2 items done', { timeout: 600_000 });
  await page.reload();
  await lab.tab('Experiments').click();
  await expect(status).toContainText('interrupted · 1 of 2 items done');
  await page.getByRole('button', { name: 'Resume experiment' }).click();
  await expect(status).toContainText('done · 2 of 2 items done', { timeout: 600_000 });

  const table = page.getByRole('table', { name: 'Experiment results' });
  await expect(table.getByRole('row')).toHaveCount(4);
  for (const label of ['Original data', 'Augmented original data']) {
    await expect(table.getByRole('row', { name: new RegExp(label) }).getByRole('cell').nth(3)).toHaveText(/^0\.\d{3}( \(best\))?$/);
  }
  await expect(table.getByRole('columnheader', { name: 'left ventricle' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export table as CSV' }).click();
  const csv = readFileSync(await (await downloading).path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('Training set,FID,KID,FID (U-Net features),Mean Dice,right ventricle,myocardium,left ventricle');
  expect(csv.slice(1).map((row) => row.split(',')[0])).toEqual(['Original data', 'Augmented original data']);
  for (const row of csv.slice(1)) expect(Number(row.split(',')[4])).toBeGreaterThanOrEqual(0);
});
