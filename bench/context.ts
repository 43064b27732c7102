/** Shared pieces of the benchmark: paths, the machine description, timing and Python discovery. */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

/** `npm run bench` runs from the repository root. */
export const repositoryRoot = process.cwd();
export const sharedData = resolve(repositoryRoot, '..', 'shared', 'data');
export const acdcFolder = resolve(sharedData, 'acdc', 'training');
export const chromiumPath = process.env.GANLAB_CHROMIUM ?? '/usr/bin/chromium';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  chromium: string | null;
  python: string | null;
}

export function describeMachine(): Machine {
  const chromium = existsSync(chromiumPath) ? execFileSync(chromiumPath, ['--version'], { encoding: 'utf8' }).trim() : null;
  const python = findPython([]);
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
    python: python ? execFileSync(python, ['--version'], { encoding: 'utf8' }).trim() : null,
  };
}

/** The first Python 3 on this machine that imports every module in `modules`. */
export function findPython(modules: string[]): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const check = spawnSync(candidate, ['-c', modules.length ? `import ${modules.join(', ')}` : 'pass'], { stdio: 'ignore' });
    if (check.status === 0) return candidate;
  }
  return null;
}

/** Median wall time in seconds of `repeats` runs, after one warm-up run. */
export async function medianSeconds(repeats: number, run: () => Promise<unknown> | unknown): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
