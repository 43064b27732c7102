/** Renders the benchmark results file as the Markdown page docs/benchmarks.md. */

import type { BenchResults, IngestFigures } from './results';

type Row = (string | number)[];

function table(header: string[], rows: Row[]): string {
  const line = (cells: Row) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function ingestRow(where: string, figures: IngestFigures, reference?: IngestFigures | null): Row {
  const ratio = reference ? (figures.voxelsPerSecond / reference.voxelsPerSecond).toFixed(2) : '–';
  return [where, figures.files, figures.compressedMB, figures.seconds, figures.compressedMBPerSecond, (figures.voxelsPerSecond / 1e6).toFixed(1), ratio];
}

function ingestSection(results: BenchResults): string[] {
  const ingest = results.ingest;
  if (!ingest) return [];
  const rows: Row[] = [ingestRow('Node (lab readers)', ingest.node, ingest.nibabel)];
  if (ingest.chromium) rows.push(ingestRow('Chromium page (lab readers)', ingest.chromium, ingest.nibabel));
  if (ingest.nibabel) rows.push(ingestRow(`Python, nibabel ${ingest.nibabel.version}`, ingest.nibabel, ingest.nibabel));
  return [
    '## Reading the ACDC sample',
    '',
    'Decoding every `.nii.gz` of `../shared/data/acdc/training` (gzip inflate, header parsing, voxels in memory, scaling applied), median of 3 runs after a warm-up. The ratio is voxels per second against nibabel on the same machine; above 1 is faster than nibabel.',
    '',
    table(['where', 'files', 'compressed MB', 'seconds', 'compressed MB/s', 'Mvoxels/s', 'ratio to nibabel'], rows),
    '',
    `Whole ingest to 64 x 64 slices in Node (pairing, reading, normalising, resizing): ${ingest.nodeIngest64.seconds} s for ${ingest.nodeIngest64.slices} slices.`,
    '',
  ];
}

function longTaskSection(results: BenchResults): string[] {
  const figures = results.longTasks;
  if (!figures) return [];
  return [
    '## Main thread during training',
    '',
    `Long tasks (over 50 ms) on the page's main thread while the built lab trained the phantom for ${figures.steps} steps (batch 8, ${figures.filters} filters) on ${figures.backend}, ${figures.trainingSeconds} s in all. The target is none.`,
    '',
    table(['long tasks', 'total ms', 'longest ms'], [[figures.longTasks, figures.longTaskMillisecondsTotal, figures.longestTaskMilliseconds]]),
    '',
  ];
}

function ganSpeedSection(results: BenchResults): string[] {
  const speed = results.ganSpeed;
  if (!speed) return [];
  const torchSpeed = (gan: string, resolution: number) => speed.torch?.results.find((r) => r.gan === gan && r.resolution === resolution)?.imagesPerSecond;
  const rows: Row[] = speed.rows.map((r) => {
    const torch = torchSpeed(r.gan, r.resolution);
    return [
      r.gan,
      `${r.resolution} x ${r.resolution}`,
      r.criticSteps,
      `${r.backend} (${r.where === 'node' ? 'Node' : 'Chromium'})`,
      r.labImagesPerSecond,
      r.bareImagesPerSecond,
      `${r.overheadPercent} %`,
      torch === undefined ? '–' : torch.toFixed(2),
      torch === undefined ? '–' : (r.labImagesPerSecond / torch).toFixed(2),
    ];
  });
  return [
    '## GAN training speed',
    '',
    `Real images shown to the discriminator per second, ${speed.settings}. "Bare loop" runs the same networks and losses on a batch already on the device, without the trainer's batch sampling and per-term read-back: the gap is the lab's own overhead, which should stay under 5 %. The PyTorch column runs the same architecture and losses on the CPU${speed.torch ? ` (torch ${speed.torch.version}, ${speed.torch.threads} threads${torchSteps(speed.torch)})` : ''}; the last column is the lab's speed divided by PyTorch's (above 1: the lab is faster). In Chromium without a GPU, WebGPU and WebGL run on SwiftShader, a software renderer.`,
    '',
    table(['GAN', 'size', 'critic steps', 'backend', 'lab images/s', 'bare loop images/s', 'lab overhead', 'PyTorch CPU images/s', 'lab / PyTorch'], rows),
    '',
  ];
}

function metricsSection(results: BenchResults): string[] {
  const speed = results.metricsSpeed;
  if (!speed) return [];
  const ratio = (lab: number, reference?: number) => (reference ? (reference / lab).toFixed(2) : '–');
  return [
    '## Fidelity metrics',
    '',
    `One Fréchet distance between 2048-d statistics of full rank, and KID between 2 x 5,000 features of 2048 dimensions (100 subsets of 1,000), in Node on one thread, next to the same work in NumPy/SciPy${speed.scipy ? ` (${speed.scipy.threads}; pytorch-fid's scipy.linalg.sqrtm route for FID)` : ''}. The ratio is SciPy's time divided by the lab's: above 1, the lab is faster.`,
    '',
    table(
      ['metric', 'lab seconds', 'NumPy/SciPy seconds', 'ratio'],
      [
        ['Fréchet distance, 2048-d', speed.node.frechet2048Seconds.toFixed(2), speed.scipy?.frechet2048Seconds.toFixed(2) ?? '–', ratio(speed.node.frechet2048Seconds, speed.scipy?.frechet2048Seconds)],
        ['KID, 2 x 5,000 x 2048', speed.node.kid5000Seconds.toFixed(2), speed.scipy?.kid5000Seconds.toFixed(2) ?? '–', ratio(speed.node.kid5000Seconds, speed.scipy?.kid5000Seconds)],
      ],
    ),
    '',
  ];
}

function segmentationSection(results: BenchResults): string[] {
  const speed = results.segmentationSpeed;
  if (!speed) return [];
  const rows: Row[] = speed.rows.map((r) => [`${r.side} x ${r.side}`, r.filters, r.batchSize, `${r.backend} (${r.where === 'node' ? 'Node' : 'Chromium'})`, r.imagesPerSecond]);
  return [
    '## U-Net training and synthetic sets',
    '',
    'U-Net (4 levels, batch norm, cross-entropy plus soft Dice, Adam) training images per second, after one warm-up batch. In Chromium without a GPU, WebGPU and WebGL run on SwiftShader.',
    '',
    table(['size', 'filters', 'batch', 'backend', 'images/s'], rows),
    '',
    speed.syntheticSeconds === null
      ? 'Sampling and storing synthetic pairs was not measured.'
      : `Sampling ${speed.synthetic.pairs} synthetic image+mask pairs of ${speed.synthetic.side} x ${speed.synthetic.side} from a DCGAN generator (32 filters) and storing them in IndexedDB, as an experiment does, took ${speed.syntheticSeconds} s in Chromium${speed.syntheticBackend ? ` on ${speed.syntheticBackend}` : ''}.`,
    '',
  ];
}

/** Sections that later benchmarks add render themselves through this hook. */
export type SectionRenderer = (results: BenchResults) => string[];

export function renderBenchmarks(results: BenchResults, extraSections: SectionRenderer[] = []): string {
  const { machine } = results;
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` from `bench/results/latest.json`; rerun it to measure your machine. Figures are wall-clock times on a shared machine, so expect some noise between runs.',
    '',
    `Measured ${results.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}, ${machine.chromium ?? 'no Chromium'}, ${machine.python ?? 'no Python'}.`,
    '',
    ...ingestSection(results),
    ...longTaskSection(results),
    ...ganSpeedSection(results),
    ...metricsSection(results),
    ...segmentationSection(results),
    ...extraSections.flatMap((render) => render(results)),
  ].join('\n');
}

/** Describes PyTorch's warm-up and timed steps; older results did not record them. */
function torchSteps(torch: { warmupSteps?: number; timedSteps?: number }): string {
  return torch.timedSteps === undefined ? '' : `, ${torch.warmupSteps} warm-up steps, then the mean of ${torch.timedSteps}`;
}
