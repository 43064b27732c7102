/**
 * Reads a dataset folder for the command line with the same readers,
 * pairing rules and preprocessing as the browser, keeping the slices in memory.
 */

import { basename, resolve } from 'node:path';
import { LabError } from '../core/errors';
import { createLogger } from '../core/log';
import type { SliceSetShape } from '../ml/data/assemble';
import { listFolderFiles } from '../io/node-folder';
import { ingest } from '../preprocess/ingest';
import { LABEL_PRESETS } from '../preprocess/label-presets';
import { createMemorySink } from '../preprocess/memory-sink';
import type { IngestReport } from '../preprocess/report';
import { DEFAULT_INGEST_OPTIONS, type IngestOptions, type Slice, type SliceSize } from '../preprocess/slice-dataset';
import { integerOption, numberOption, type OptionSpec, type ParsedOptions, UsageError } from './options';

const log = createLogger('cli/dataset');

export const DATASET_OPTIONS: OptionSpec[] = [
  { name: 'data', value: 'FOLDER', help: 'dataset folder with images and masks, read as the lab reads a dropped folder', required: true },
  { name: 'size', value: 'PIXELS', help: 'side of the square slices', default: '64', choices: ['32', '64', '128', '256'] },
  { name: 'modality', value: 'KIND', help: 'intensity normalisation', default: 'auto', choices: ['auto', 'mri', 'ct', 'rgb'] },
  { name: 'ct-window', value: 'W,L', help: 'CT window width and level in HU', default: '400,40' },
  { name: 'classes', value: 'PRESET', help: 'declared classes, or detect from the masks', default: 'detect', choices: LABEL_PRESETS.map((p) => p.id) },
  { name: 'test-fraction', value: 'SHARE', help: 'share of subjects held out as the test split', default: '0.2' },
  { name: 'split-seed', value: 'N', help: 'seed of the train/test split', default: '1' },
  { name: 'drop-empty', help: 'leave out slices whose mask has no foreground' },
];

export interface LoadedDataset extends SliceSetShape {
  slices: Slice[];
  report: IngestReport;
}

export function ingestOptionsFrom(command: string, options: ParsedOptions): IngestOptions {
  const window = String(options['ct-window']).split(',').map(Number);
  if (window.length !== 2 || !window.every(Number.isFinite) || window[0] <= 0) {
    throw new UsageError(`${command}: --ct-window is "${String(options['ct-window'])}"; give width and level in HU, for example 400,40`);
  }
  return {
    ...DEFAULT_INGEST_OPTIONS,
    size: Number(options.size) as SliceSize,
    modality: options.modality as IngestOptions['modality'],
    ctWindow: { width: window[0], level: window[1] },
    labels: LABEL_PRESETS.find((preset) => preset.id === options.classes)?.scheme ?? null,
    testFraction: numberOption(command, options, 'test-fraction', 0, 0.9)!,
    seed: integerOption(command, options, 'split-seed', 0, 2 ** 32 - 1)!,
    dropEmptySlices: options['drop-empty'] === true,
  };
}

export async function loadDatasetFolder(folder: string, options: IngestOptions): Promise<LoadedDataset> {
  const root = resolve(folder);
  let files;
  try {
    files = await listFolderFiles(root);
  } catch (error) {
    throw new LabError('not-found', `the dataset folder ${root} cannot be read (${error instanceof Error ? error.message : String(error)})`, {
      field: '--data',
      hint: 'Give the path of a folder that holds the images and masks.',
    });
  }
  const sink = createMemorySink();
  const report = await ingest(files, options, sink);
  for (const failure of report.failures) log.warn('file not loaded', { file: failure.file, message: failure.message });
  return {
    name: basename(root),
    size: report.size,
    imageChannels: report.channels,
    classes: report.classes,
    split: report.split,
    slices: sink.slices,
    report,
  };
}
