import { chromium, expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACDC_FOLDER } from './acdc-fixture';
import { LabPage } from './lab-page';
import { mountSmallDisk } from './small-disk';

const CASES = join(import.meta.dirname, '../../shared/cases');

/** A folder in the images/masks layout; `files` maps relative paths to source files or bytes. */
function makeFolder(name: string, files: Record<string, string | Uint8Array>): string {
  const root = join(mkdtempSync(join(tmpdir(), 'ganlab-')), name);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    if (typeof source === 'string') copyFileSync(source, join(root, path));
    else writeFileSync(join(root, path), source);
  }
  return root;
}

async function datasetNames(page: Page): Promise<string[]> {
  await new LabPage(page).tab('Datasets').click();
  return page.getByRole('button', { name: /^Open / }).allTextContents();
}

test('bad files are reported by name and the good pairs still load', async ({ page }) => {
  const image = join(CASES, '10-mask-0-255-vs-0-1/image.png');
  const mask = join(CASES, '10-mask-0-255-vs-0-1/mask_gt_0_255.png');
  const folder = makeFolder('mixed', {
    'images/good.png': image,
    'masks/good.png': mask,
    'images/broken.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
    'masks/broken.png': mask,
    'images/wrong-size.png': image,
    'masks/wrong-size.png': join(CASES, '13-png-16bit-grayscale/gray16.png'),
  });
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  await lab.tab('Datasets').click();
  await page.getByLabel('Add dataset folder').setInputFiles(folder);

  await expect(page.getByRole('heading', { level: 1, name: 'mixed' })).toBeVisible();
  const failures = page.getByRole('alert').filter({ hasText: 'Files that could not be loaded (2)' });
  await expect(failures).toContainText('images/broken.png');
  await expect(failures).toContainText('masks/wrong-size.png');
  await expect(failures).toContainText(/16 x 16|16x16/);
  await expect(page.getByRole('table', { name: /Image and mask pairs \(1\)/ })).toContainText('binary-0-255');
});

test('a folder with nothing loadable stores nothing', async ({ page }) => {
  const folder = makeFolder('hopeless', {
    'images/scan.nii.gz': new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]),
    'masks/scan.nii.gz': new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff]),
  });
  const lab = new LabPage(page);
  await lab.open();
  await lab.waitForPhantom();
  const before = await datasetNames(page);
  await page.getByLabel('Add dataset folder').setInputFiles(folder);

  await expect(page.getByRole('alert').filter({ hasText: 'scan.nii.gz' }).first()).toBeVisible();
  expect(await datasetNames(page)).toEqual(before);
});

test('a full disk is reported and what was stored stays', async ({ browserName, launchOptions }) => {
  expect(browserName).toBe('chromium');
  const disk = mountSmallDisk();
  const context = await chromium.launchPersistentContext(disk.profile, { ...launchOptions, baseURL: test.info().project.use.baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const lab = new LabPage(page);
    await lab.open();
    await lab.waitForPhantom();
    const before = await datasetNames(page);

    // ACDC at 256 x 256 is about 100 MB of slices: more than the disk holds.
    await lab.field('Slice size').selectOption('256');
    await page.getByLabel('Add dataset folder').setInputFiles(ACDC_FOLDER);
    const alert = page.getByRole('alert').filter({ hasText: 'no room left to store' });
    await expect(alert).toContainText(/this site uses [\d.]+ MB of a [\d.]+ [MG]B quota/, { timeout: 300_000 });

    expect(await datasetNames(page)).toEqual(before);
    await page.getByRole('button', { name: before[0] }).click();
    await expect(page.getByRole('list', { name: 'Slice preview' }).getByRole('listitem')).toHaveCount(24);
  } finally {
    await context.close();
    disk.unmount();
  }
});
