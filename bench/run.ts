/**
 * `npm run bench`: measures the lab and writes bench/results/latest.json and
 * docs/benchmarks.md. `--only ingest,long-tasks` runs some sections and keeps
 * the stored figures of the others.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { installFastCpuFilterGradient } from '../src/ml/kernels/cpu-conv-filter-gradient';
import { describeMachine, findPython, repositoryRoot } from './context';
import { renderBenchmarks } from './report';
import type { BenchResults } from './results';
import { benchLongTasks, benchReadersInChromium, withBrowser, withBuiltLab } from './sections/browser';
import { benchGanChromium, benchGanNode, benchGanTorch, mergeSpeedRows } from './sections/gan-speed';
import { benchIngestNode, benchNibabel } from './sections/ingest-node';
import { benchMetricsNode } from './sections/metrics-speed';
import { benchSegmentationChromium, benchUnetNode, SYNTHETIC_SETTINGS } from './sections/segmentation-speed';

installFastCpuFilterGradient();

const RESULTS_FILE = join(repositoryRoot, 'bench', 'results', 'latest.json');
const DOCS_FILE = join(repositoryRoot, 'docs', 'benchmarks.md');

type Section = (results: BenchResults) => Promise<void>;

const SECTIONS: Record<string, Section> = {
  ingest: async (results) => {
    const node = await benchIngestNode();
    const chromium = await withBrowser((browser) => benchReadersInChromium(browser));
    results.ingest = { node: node.read, nodeIngest64: node.ingest64, chromium, nibabel: benchNibabel() };
  },
  'gan-speed': async (results) => {
    // GANLAB_BENCH_BACKENDS=webgpu,webgl remeasures some backends and keeps the stored rows of the others.
    const only = process.env.GANLAB_BENCH_BACKENDS?.split(',').filter(Boolean);
    const node = !only || only.includes('node') ? await benchGanNode() : [];
    const chromiumBackends = only?.filter((b) => b !== 'node' && b !== 'torch');
    const chromium = chromiumBackends?.length === 0 ? [] : await withBrowser((browser) => benchGanChromium(browser, chromiumBackends));
    results.ganSpeed = {
      settings: 'batch 8, 16 filters, each GAN with its preset (critic steps, normalisation, losses); 1 warm-up step, then the mean of 2 steps',
      rows: mergeSpeedRows(results.ganSpeed?.rows ?? [], [...node, ...chromium]),
      torch: !only || only.includes('torch') ? benchGanTorch(2) : (results.ganSpeed?.torch ?? null),
    };
  },
  metrics: async (results) => {
    const node = await benchMetricsNode();
    results.metricsSpeed = { node, scipy: benchMetricsScipy() };
  },
  segmentation: async (results) => {
    const node = await benchUnetNode();
    const chromium = await withBrowser((browser) => benchSegmentationChromium(browser));
    results.segmentationSpeed = { rows: [...node, ...chromium.rows], syntheticSeconds: chromium.syntheticSeconds, syntheticBackend: chromium.syntheticBackend, synthetic: SYNTHETIC_SETTINGS };
  },
  'long-tasks': async (results) => {
    results.longTasks = await withBuiltLab((url) => withBrowser((browser) => benchLongTasks(browser, url, { steps: 6, filters: 16, backend: 'webgpu' })));
  },
};

/** The same Fréchet distance and KID in NumPy/SciPy, when a Python with both is installed. */
function benchMetricsScipy(): { frechet2048Seconds: number; kid5000Seconds: number; threads: string } | null {
  const python = findPython(['numpy', 'scipy']);
  if (!python) return null;
  // One BLAS thread: the lab's metrics run on one JavaScript thread.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const run = spawnSync(python, [join(repositoryRoot, 'bench/python/metrics_scipy.py')], { encoding: 'utf8', env });
  if (run.status !== 0) throw new Error(`SciPy benchmark failed: ${run.stderr}`);
  return { ...JSON.parse(run.stdout), threads: '1 BLAS thread' };
}

function selectedSections(argv: string[]): string[] {
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ?? argv[argv.indexOf('--only') + 1];
  if (argv.includes('--help')) {
    console.log(`usage: npm run bench [-- --only SECTION[,SECTION]]\nsections: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(0);
  }
  if (!argv.includes('--only') && !argv.some((arg) => arg.startsWith('--only='))) return Object.keys(SECTIONS);
  const names = (only ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (names.length === 0 || unknown.length > 0) {
    console.error(`--only: unknown section ${unknown.join(', ') || '(none given)'}; choose from ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  return names;
}

async function main(): Promise<void> {
  const names = selectedSections(process.argv.slice(2));
  const previous: Partial<BenchResults> = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  const results: BenchResults = { ...previous, date: new Date().toISOString(), machine: describeMachine() };
  for (const name of names) {
    console.log(`bench: ${name}`);
    await SECTIONS[name](results);
  }
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(DOCS_FILE, `${renderBenchmarks(results)}\n`);
  console.log(`bench: wrote ${RESULTS_FILE} and ${DOCS_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
