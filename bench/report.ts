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
    ...extraSections.flatMap((render) => render(results)),
  ].join('\n');
}
