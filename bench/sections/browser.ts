/**
 * Figures measured in Chromium: decoding the ACDC files with the lab's readers
 * in a page, and the page's main-thread long tasks (over 50 ms) while the
 * built lab trains the phantom in its worker.
 */

import { build } from 'esbuild';
import { chromium, type Browser } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { acdcFolder, chromiumPath, repositoryRoot, round } from '../context';
import type { IngestFigures, LongTaskFigures } from '../results';
import { figures } from './ingest-node';

const LAUNCH_ARGS = ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PORT = 4180;

export async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: LAUNCH_ARGS });
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

export async function benchReadersInChromium(browser: Browser, repeats = 3): Promise<IngestFigures> {
  const bundle = await build({
    entryPoints: [`${repositoryRoot}/bench/browser/readers-entry.ts`],
    bundle: true,
    format: 'iife',
    globalName: 'ganlabBench',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  const page = await browser.newPage();
  await page.setContent('<input type="file" id="folder" webkitdirectory multiple>');
  await page.setInputFiles('#folder', acdcFolder);
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const result = await page.evaluate(
    (n) => (window as unknown as { ganlabBench: typeof import('../browser/readers-entry') }).ganlabBench.readPickedFiles((document.getElementById('folder') as HTMLInputElement).files!, n),
    repeats,
  );
  await page.close();
  return figures(result.files, result.compressedBytes, result.voxels, result.seconds);
}

/** Serves the built lab with `vite preview` for as long as `use` runs. */
export async function withBuiltLab<T>(use: (url: string) => Promise<T>): Promise<T> {
  const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: repositoryRoot, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('vite build failed');
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], {
    cwd: repositoryRoot,
    stdio: 'ignore',
    detached: true,
  });
  try {
    const url = `http://127.0.0.1:${PORT}`;
    await waitForServer(url);
    return await use(url);
  } finally {
    if (server.pid) process.kill(-server.pid);
  }
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

export interface TrainingProbe {
  steps: number;
  filters: number;
  backend: string;
}

/** Trains the phantom through the page and records long tasks on the main thread meanwhile. */
export async function benchLongTasks(browser: Browser, url: string, probe: TrainingProbe): Promise<LongTaskFigures> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Train a GAN on this dataset' }).click({ timeout: 120_000 });
  const fill = async (label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
  await fill('Train for', String(probe.steps));
  await fill('Batch size', '8');
  await fill('Generator filters', String(probe.filters));
  await fill('Discriminator filters', String(probe.filters));
  await fill('Checkpoint every (steps)', String(Math.max(1, Math.floor(probe.steps / 2))));
  await fill('Refresh samples every (images)', '16');
  await page.getByLabel('Backend', { exact: true }).selectOption(probe.backend);

  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByRole('status', { name: 'Run status' }).filter({ hasText: 'completed' }).waitFor({ timeout: 900_000 });
  const ended = await page.evaluate(() => performance.now());
  const tasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
  await context.close();

  const during = tasks.filter((task) => task.start >= started && task.start <= ended);
  return {
    ...probe,
    trainingSeconds: round((ended - started) / 1000, 1),
    longTasks: during.length,
    longTaskMillisecondsTotal: Math.round(during.reduce((sum, task) => sum + task.duration, 0)),
    longestTaskMilliseconds: Math.round(Math.max(0, ...during.map((task) => task.duration))),
  };
}
