import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { standInVgg } from '../src/ml/testing/stand-in-vgg';
import { LabPage } from './lab-page';
import { writeLayersModel } from './model-files';

/** A small VGG-shaped layers model, made here rather than downloaded. */
function writeStandInVgg() {
  return writeLayersModel(standInVgg(), 'ganlab-vgg-');
}

/** Serves a folder on 127.0.0.1 with CORS, as a model host would. */
function serveFolder(folder: string): Promise<Server> {
  const server = createServer((request, response) => {
    try {
      const body = readFileSync(join(folder, (request.url ?? '/').replace(/^\//, '')));
      response.writeHead(200, { 'Access-Control-Allow-Origin': '*' }).end(body);
    } catch {
      response.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the perceptual term waits for VGG weights, then trains with dropped ones', async ({ page }) => {
  const vgg = await writeStandInVgg();
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();

  await expect(lab.field('VGG perceptual weight')).toBeDisabled();
  await expect(page.getByText(/Disabled: load VGG-19 weights/)).toBeVisible();

  await page.getByLabel('Load VGG-19 weights').setInputFiles(vgg.files);
  await expect(page.getByRole('status').filter({ hasText: /Loaded model\.json \(SHA-256 [0-9a-f]{12}/ })).toBeVisible();
  await expect(lab.field('VGG perceptual weight')).toBeEnabled();
  await lab.fillRunForm({
    'VGG perceptual weight': '10',
    'Train for': '2',
    'Batch size': '2',
    'Generator filters': '4',
    'Discriminator filters': '4',
    'Checkpoint every (steps)': '2',
    Backend: 'cpu',
  });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(lab.runStatus()).toContainText('completed · step 2 of 2', { timeout: 300_000 });
  await expect(page.getByRole('table', { name: 'Latest losses' })).toContainText('G/perceptual');
});

test('VGG weights load from a URL too', async ({ page }) => {
  const vgg = await writeStandInVgg();
  const server = await serveFolder(vgg.folder);
  try {
    const lab = new LabPage(page);
    await lab.open();
    await lab.waitForPhantom();
    await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click();
    await lab.field('VGG-19 weights URL').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/model.json`);
    await page.getByRole('button', { name: 'Load from URL' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Loaded .*model\.json/ })).toBeVisible();
    await expect(lab.field('VGG perceptual weight')).toBeEnabled();

    await lab.field('VGG-19 weights URL').fill(`http://127.0.0.1:${(server.address() as AddressInfo).port}/missing.json`);
    await page.getByRole('button', { name: 'Load from URL' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'failed with HTTP 404' })).toBeVisible();
  } finally {
    server.close();
  }
});
