/** U-Net training speed per backend (Node CPU; Chromium WebGPU, WebGL, CPU) and the cost of a stored synthetic set. */

import * as tf from '@tensorflow/tfjs';
import type { Browser } from '@playwright/test';
import { build } from 'esbuild';
import { repositoryRoot, round } from '../context';
import type { SegmentationSpeed } from '../results';
import { unetImagesPerSecond, type UnetCase } from '../segmentation/measure';
import { serveBenchPage } from '../serve';

export const UNET_CASES: UnetCase[] = [
  { side: 32, filters: 16, batchSize: 16, batches: 3 },
  { side: 64, filters: 16, batchSize: 16, batches: 3 },
];
export const SYNTHETIC_SETTINGS = { pairs: 1000, side: 64 };

type Bench = typeof import('../browser/unet-entry');
const bench = () => (window as unknown as { ganlabUnetBench: Bench }).ganlabUnetBench;

export async function benchUnetNode(): Promise<SegmentationSpeed['rows']> {
  await tf.setBackend('cpu');
  const rows: SegmentationSpeed['rows'] = [];
  for (const unet of UNET_CASES) rows.push({ ...unet, backend: 'cpu', where: 'node', imagesPerSecond: round(await unetImagesPerSecond(unet), 2) });
  return rows;
}

export async function benchSegmentationChromium(browser: Browser): Promise<{ rows: SegmentationSpeed['rows']; syntheticSeconds: number | null; syntheticBackend: string | null }> {
  const bundle = await build({
    entryPoints: [`${repositoryRoot}/bench/browser/unet-entry.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'ganlabUnetBench',
    platform: 'browser',
    mainFields: ['module', 'browser', 'main'],
    write: false,
    logLevel: 'error',
  });
  const { server, url } = await serveBenchPage(bundle.outputFiles[0].text);
  const rows: SegmentationSpeed['rows'] = [];
  let syntheticSeconds: number | null = null;
  let syntheticBackend: string | null = null;
  try {
    for (const backend of ['webgpu', 'webgl', 'cpu']) {
      const page = await browser.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'ganlabUnetBench' in window);
      if (await page.evaluate(`(${bench})().useBackend(${JSON.stringify(backend)})`)) {
        for (const unet of UNET_CASES) {
          const imagesPerSecond = (await page.evaluate(`(${bench})().unetSpeed(${JSON.stringify(unet)})`)) as number;
          rows.push({ ...unet, backend, where: 'chromium', imagesPerSecond: round(imagesPerSecond, 2) });
        }
        if (syntheticSeconds === null) {
          const { pairs, side } = SYNTHETIC_SETTINGS;
          syntheticSeconds = round((await page.evaluate(`(${bench})().sampleAndStore(${pairs}, ${side})`)) as number, 2);
          syntheticBackend = backend;
        }
      }
      await page.close();
    }
  } finally {
    server.close();
  }
  return { rows, syntheticSeconds, syntheticBackend };
}
