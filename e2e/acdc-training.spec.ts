import { expect, test } from '@playwright/test';
import { ACDC_FOLDER, expectedAcdc } from './acdc-fixture';
import { LabPage } from './lab-page';

test('real ACDC folder trains, survives a reload and resumes', async ({ page }) => {
  const expected = expectedAcdc();
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();

  // Add the folder at 32 x 32 through the folder input.
  await lab.tab('Datasets').click();
  await lab.field('Slice size').selectOption('32');
  await page.getByLabel('Add dataset folder').setInputFiles(ACDC_FOLDER);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/training|acdc/i, { timeout: 300_000 });

  // Pairing: two frames per patient, and every slice of every image.
  const pairs = page.getByRole('table', { name: /Image and mask pairs/ });
  await expect(pairs.getByRole('caption')).toHaveText(`Image and mask pairs (${expected.pairs})`);
  for (const patient of [expected.patients[0], expected.patients[expected.patients.length - 1]]) {
    await expect(pairs.getByRole('row').filter({ hasText: `${patient}_frame` })).toHaveCount(2);
    await expect(pairs.getByRole('row').filter({ hasText: `${patient}_frame` }).first()).toContainText(`_gt.nii.gz`);
  }
  await expect(page.getByRole('definition').filter({ hasText: /\(\d+ train, \d+ test\)/ })).toContainText(`${expected.slices} (`);
  const classes = page.getByRole('table', { name: /Classes/ });
  await expect(classes.getByRole('row')).toHaveCount(5);
  // Classes found in ACDC masks take the ACDC names.
  for (const name of ['right ventricle', 'myocardium', 'left ventricle']) await expect(classes.getByRole('row', { name: new RegExp(name) })).toHaveCount(1);
  await expect(page.getByText('Every file was paired; none was left out.')).toBeVisible();

  // Train DCGAN at 32 x 32 on WebGPU until the second checkpoint is stored.
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
  await lab.fillRunForm({
    'Run name': 'ACDC journey',
    'Train for': '40',
    'Batch size': '4',
    'Generator filters': '8',
    'Discriminator filters': '8',
    'Checkpoint every (steps)': '2',
    'Refresh samples every (images)': '8',
    Backend: 'webgpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByLabel('Training backend')).toContainText('Backend: webgpu');
  await expect(lab.runStatus()).toContainText(/last checkpoint at step [2-9]/, { timeout: 600_000 });

  // Reload mid-run: the run, its metrics and its checkpoint are still there.
  await page.reload();
  await lab.tab('Runs').click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'ACDC journey' }) });
  await expect(row).toContainText('interrupted');
  const checkpointStep = Number(await row.getByRole('cell').nth(4).textContent());
  expect(checkpointStep).toBeGreaterThanOrEqual(2);
  await row.getByRole('button', { name: 'Open ACDC journey' }).click();
  await expect(lab.lossChart().locator('.recharts-line path.recharts-curve')).toHaveCount(2);
  await expect(lab.sampleTiles()).toHaveCount(16);

  // Resume from the checkpoint: steps go on from there, not from 0.
  await page.getByRole('button', { name: `Resume from step ${checkpointStep}` }).click();
  await expect(lab.runStatus()).toContainText(`running · step ${checkpointStep + 1} of 40`, { timeout: 300_000 });
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(lab.runStatus()).toContainText('stopped', { timeout: 300_000 });
});
