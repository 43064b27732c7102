/**
 * Training speed of every GAN at 32 and 64 pixels: the lab's trainer next to
 * a bare TensorFlow.js loop of the same model (CPU in Node; WebGPU, WebGL and
 * CPU in Chromium), and next to the same model in PyTorch on the CPU when a
 * Python with torch is installed.
 */

import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import type { Browser } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GAN_KINDS } from '../../src/ml/training/config';
import { findPython, repositoryRoot, round } from '../context';
import { serveBenchPage } from '../serve';
import { caseConfig, measureBare, measureLab, type GanCase, type Speed } from '../gan/measure';
import type { GanSpeedRow } from '../results';

/** Small enough that SwiftShader's software WebGPU finishes the grid in minutes. */
export const GAN_CASES: GanCase[] = GAN_KINDS.flatMap((gan) =>
  [32, 64].map((resolution) => ({ gan, resolution, batchSize: 8, filters: 16, warmupSteps: 1, timedSteps: 2 })),
);

function row(bench: GanCase, backend: string, where: 'node' | 'chromium', lab: Speed, bare: Speed): GanSpeedRow {
  return {
    gan: bench.gan,
    resolution: bench.resolution,
    backend,
    where,
    criticSteps: caseConfig(bench).criticSteps,
    labImagesPerSecond: round(lab.imagesPerSecond, 2),
    bareImagesPerSecond: round(bare.imagesPerSecond, 2),
    overheadPercent: round(100 * (bare.imagesPerSecond / lab.imagesPerSecond - 1), 1),
  };
}

export async function benchGanNode(): Promise<GanSpeedRow[]> {
  await tf.setBackend('cpu');
  const rows: GanSpeedRow[] = [];
  for (const bench of GAN_CASES) {
    rows.push(row(bench, 'cpu', 'node', await measureLab(bench), await measureBare(bench)));
    console.log(`bench: gan ${bench.gan} ${bench.resolution} node cpu done`);
  }
  return rows;
}

export async function benchGanChromium(browser: Browser, backends: string[] = ['webgpu', 'webgl', 'cpu']): Promise<GanSpeedRow[]> {
  const bundle = await build({
    entryPoints: [`${repositoryRoot}/bench/browser/gan-entry.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'ganlabGanBench',
    platform: 'browser',
    mainFields: ['module', 'browser', 'main'],
    write: false,
    logLevel: 'error',
  });
  const { server, url } = await serveBenchPage(bundle.outputFiles[0].text);
  const rows: GanSpeedRow[] = [];
  for (const backend of backends) {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => 'ganlabGanBench' in window);
    type Bench = typeof import('../browser/gan-entry');
    const started = await page.evaluate((name) => (window as unknown as { ganlabGanBench: Bench }).ganlabGanBench.useBackend(name), backend);
    if (!started) {
      console.log(`bench: ${backend} is not available in this Chromium; skipped`);
      await page.close();
      continue;
    }
    for (const bench of GAN_CASES) {
      const result = await page.evaluate((b) => (window as unknown as { ganlabGanBench: Bench }).ganlabGanBench.measure(b), bench);
      rows.push(row(bench, backend, 'chromium', result.lab, result.bare));
      console.log(`bench: gan ${bench.gan} ${bench.resolution} chromium ${backend} done`);
    }
    await page.close();
  }
  server.close();
  return rows;
}

/** Rows of `fresh` replace the rows of `previous` measured on the same GAN, size and backend. */
export function mergeSpeedRows(previous: GanSpeedRow[], fresh: GanSpeedRow[]): GanSpeedRow[] {
  const key = (r: GanSpeedRow) => `${r.gan}|${r.resolution}|${r.backend}|${r.where}`;
  const replaced = new Set(fresh.map(key));
  return [...previous.filter((r) => !replaced.has(key(r))), ...fresh];
}

export interface TorchSpeed {
  version: string;
  threads: number;
  warmupSteps: number;
  timedSteps: number;
  results: { gan: string; resolution: number; imagesPerSecond: number; secondsPerStep: number }[];
}

/** Steps of each PyTorch case: its steps take milliseconds on the CPU, so it times more of them for a stable mean. */
const TORCH_STEPS = { warmupSteps: 3, timedSteps: 20 };

/** The same cases in PyTorch on the CPU, when a Python with torch is installed. */

export function benchGanTorch(threads: number): TorchSpeed | null {
  const python = findPython(['torch']);
  if (!python) return null;
  const file = join(mkdtempSync(join(tmpdir(), 'ganlab-torch-')), 'cases.json');
  writeFileSync(file, JSON.stringify(GAN_CASES.map((bench) => ({ ...bench, ...TORCH_STEPS, config: caseConfig(bench) }))));
  const run = spawnSync(python, [`${repositoryRoot}/bench/python/torch_gan.py`, file, String(threads)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`PyTorch benchmark failed: ${run.stderr}`);
  const parsed = JSON.parse(run.stdout) as { torch: string; threads: number; results: TorchSpeed['results'] };
  return { version: parsed.torch, threads: parsed.threads, ...TORCH_STEPS, results: parsed.results };
}
