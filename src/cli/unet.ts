/**
 * `npm run cli -- unet`: trains a 2D U-Net on the real, augmented, synthetic
 * or real+synthetic training set of a dataset folder, on the CPU backend,
 * and measures Dice on the folder's real test split. Writes dice.json,
 * dice.csv and the model as unet/model.json + unet/weights.bin.
 */

import * as tf from '@tensorflow/tfjs';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LabError } from '../core/errors';
import { createLogger } from '../core/log';
import { assembleTrainingSet, splitSubjects } from '../ml/data/assemble';
import type { TrainingSet } from '../ml/data/training-set';
import { deserializeNetwork } from '../ml/training/checkpoint';
import { checkpointFromZip } from '../ml/training/checkpoint-archive';
import { layersModelFiles, serializeLayersModel } from '../ml/segmentation/checkpoint';
import type { UnetConfig } from '../ml/segmentation/config';
import type { DiceReport } from '../ml/segmentation/dice';
import { diceCsv } from '../ml/segmentation/dice-table';
import { syntheticPairs } from '../ml/segmentation/synthetic';
import { concatSources, memorySource, UnetTrainer, type EpochResult, type SegmentationSource, type TestSet } from '../ml/segmentation/unet-trainer';
import { DATASET_OPTIONS, ingestOptionsFrom, loadDatasetFolder, type LoadedDataset } from './dataset';
import { formatHelp, integerOption, numberOption, parseOptions, UsageError, type OptionSpec, type ParsedOptions } from './options';

const log = createLogger('cli/unet');

export const UNET_MODES = ['real', 'augmented', 'synthetic', 'real+synthetic'] as const;
export type UnetMode = (typeof UNET_MODES)[number];

const UNET_OPTIONS: OptionSpec[] = [
  ...DATASET_OPTIONS,
  { name: 'mode', value: 'SET', help: 'training set: real slices, real with flips/rotations/shifts/intensity jitter, synthetic pairs only, or both (default real, or real+synthetic with --synthetic)', choices: UNET_MODES },
  { name: 'synthetic', value: 'ZIP', help: 'GAN checkpoint .zip (from the lab or `train`) whose generator makes the synthetic pairs' },
  { name: 'n', value: 'N', help: 'synthetic pairs to generate', default: '1000' },
  { name: 'epochs', value: 'N', help: 'passes over the training set', default: '20' },
  { name: 'filters', value: 'N', help: 'channels of the full-resolution convolutions, doubled at each level', default: '8' },
  { name: 'levels', value: 'N', help: 'poolings between full resolution and the bottleneck', default: '4' },
  { name: 'batch', value: 'N', help: 'batch size', default: '16' },
  { name: 'learning-rate', value: 'RATE', help: 'Adam learning rate', default: '0.001' },
  { name: 'seed', value: 'N', help: 'seed of the weights, batch order, augmentation and synthetic latent vectors', default: '1' },
  { name: 'out', value: 'FOLDER', help: 'where to write dice.json, dice.csv and unet/ (model.json, weights.bin)', required: true },
];

const SUMMARY = `Trains a 2D U-Net (cross-entropy + soft Dice loss) on the training split of a dataset
folder, with or without synthetic image+mask pairs from a GAN checkpoint, and reports Dice on
the folder's real test split: per class, per patient (volume Dice over all slices of a subject)
and per slice. A class absent from both prediction and truth counts as Dice 1.

Training on the CPU backend is slow: with 16 filters and 4 levels, about 2 images/s at 32 x 32
and 0.5 images/s at 64 x 64 on a 2-core x86-64 machine (npm run bench). Fewer filters or levels
train faster.`;

interface UnetRun {
  mode: UnetMode;
  config: UnetConfig;
  syntheticPath: string | null;
  syntheticCount: number;
  out: string;
}

export async function unetCommand(argv: string[]): Promise<void> {
  const options = parseOptions('unet', UNET_OPTIONS, argv);
  if (options.help) {
    console.log(formatHelp('unet', SUMMARY, UNET_OPTIONS));
    return;
  }
  const run = runFromOptions(options);
  const ingestOptions = ingestOptionsFrom('unet', options);

  await tf.setBackend('cpu');
  const dataset = await loadDatasetFolder(String(options.data), ingestOptions);
  const real = assembleTrainingSet(dataset.slices, dataset, 'train');
  const test = testSetOf(dataset);
  const synthetic = run.syntheticPath ? await generatePairs(run.syntheticPath, run.syntheticCount, real, run.config.seed) : null;
  const config: UnetConfig = { ...run.config, side: dataset.size, inChannels: dataset.imageChannels, numClasses: dataset.classes.length };
  const source = trainingSource(run.mode, real, synthetic);

  await mkdir(join(run.out, 'unet'), { recursive: true });
  const trainer = new UnetTrainer(config, source);
  try {
    console.log(`unet: ${run.mode} training set of ${source.count} slices (${dataset.size} x ${dataset.size}), ${trainer.parameterCount} parameters, ${config.epochs} ${config.epochs === 1 ? 'epoch' : 'epochs'}`);
    const epochs = await train(trainer);
    const report = await trainer.evaluate(test);
    await writeOutputs(run, dataset, trainer, epochs, report, { real: real.count, synthetic: synthetic?.count ?? 0, test: test.count });
    printSummary(report, dataset);
  } finally {
    trainer.dispose();
  }
}

function runFromOptions(options: ParsedOptions): UnetRun {
  const syntheticPath = typeof options.synthetic === 'string' ? options.synthetic : null;
  const mode = (options.mode ?? (syntheticPath ? 'real+synthetic' : 'real')) as UnetMode;
  const usesSynthetic = mode === 'synthetic' || mode === 'real+synthetic';
  if (usesSynthetic && !syntheticPath) throw new UsageError(`unet: --mode ${mode} needs --synthetic with a GAN checkpoint .zip`);
  if (!usesSynthetic && syntheticPath) throw new UsageError(`unet: --synthetic is given but --mode ${mode} trains without synthetic pairs; use --mode synthetic or real+synthetic`);

  const size = Number(options.size);
  const levels = integerOption('unet', options, 'levels', 1, 6)!;
  if (size % 2 ** levels !== 0) {
    throw new UsageError(`unet: --levels is ${levels}; slices of ${size} pixels allow at most ${Math.log2(size)} poolings`);
  }
  // The slice shape comes from the dataset once it is read.
  const config: UnetConfig = {
    side: size,
    inChannels: 0,
    numClasses: 0,
    filters: integerOption('unet', options, 'filters', 1, 256)!,
    levels,
    epochs: integerOption('unet', options, 'epochs', 1, 10_000)!,
    batchSize: integerOption('unet', options, 'batch', 1, 512)!,
    learningRate: numberOption('unet', options, 'learning-rate', 1e-7, 1)!,
    augment: mode === 'augmented',
    seed: integerOption('unet', options, 'seed', 0, 2 ** 32 - 1)!,
  };
  return { mode, config, syntheticPath, syntheticCount: integerOption('unet', options, 'n', 1, 1_000_000)!, out: resolve(String(options.out)) };
}

/** Assembles the real test split with the subject of each slice. */
function testSetOf(dataset: LoadedDataset): TestSet {
  const set = assembleTrainingSet(dataset.slices, dataset, 'test');
  const subjects = splitSubjects(dataset.slices, dataset, 'test');
  return { images: set.images, classIds: set.classIds, subjects, count: set.count };
}

function trainingSource(mode: UnetMode, real: TrainingSet, synthetic: TrainingSet | null): SegmentationSource {
  if (mode === 'synthetic') return memorySource(synthetic!);
  if (mode === 'real+synthetic') return concatSources(memorySource(real), memorySource(synthetic!));
  return memorySource(real);
}

/** Generates `count` pairs with the checkpoint's generator, checking that they match the dataset. */
async function generatePairs(path: string, count: number, real: TrainingSet, seed: number): Promise<TrainingSet> {
  const { checkpoint } = checkpointFromZip(new Uint8Array(await readCheckpoint(path)), path);
  const { resolution, imageChannels, numClasses } = checkpoint.config;
  if (resolution !== real.side || imageChannels !== real.imageChannels || numClasses !== real.numClasses) {
    throw new LabError('shape-mismatch', `the generator makes ${resolution} x ${resolution} samples with ${imageChannels} image channels and ${numClasses} classes, but the dataset has ${real.side} x ${real.side}, ${real.imageChannels} and ${real.numClasses}`, {
      file: path,
      hint: 'Give a checkpoint of a GAN trained on this dataset at the same --size and --classes.',
    });
  }

  const pixels = resolution * resolution;
  const set: TrainingSet = { count, side: resolution, imageChannels, numClasses, images: new Float32Array(count * pixels * imageChannels), classIds: new Uint8Array(count * pixels) };
  const generator = await deserializeNetwork(checkpoint.generator);
  const progress = showProgress('synthetic pairs');
  try {
    let done = 0;
    for await (const batch of syntheticPairs(generator, checkpoint.config, count, 32, seed)) {
      set.images.set(batch.images, done * pixels * imageChannels);
      set.classIds.set(batch.classIds, done * pixels);
      done += batch.count;
      progress(done, count);
    }
  } finally {
    generator.dispose();
  }
  return set;
}

async function readCheckpoint(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new LabError('not-found', `cannot read the checkpoint ${path} (${error instanceof Error ? error.message : String(error)})`, {
      field: '--synthetic',
      hint: 'Give the path of a checkpoint .zip exported by the lab or written by `npm run cli -- train`.',
    });
  }
}

async function train(trainer: UnetTrainer): Promise<EpochResult[]> {
  const results: EpochResult[] = [];
  while (trainer.epoch < trainer.config.epochs) {
    const result = await trainer.trainEpoch({ onBatch: showProgress(`epoch ${trainer.epoch + 1}`) });
    console.log(`epoch ${result.epoch}/${trainer.config.epochs}  loss ${result.loss.toFixed(4)}  ${result.imagesPerSecond.toFixed(1)} images/s  ${result.seconds.toFixed(1)} s`);
    results.push(result);
  }
  return results;
}

/** Makes a progress callback that rewrites one terminal line, or does nothing when standard error is a file or pipe. */
function showProgress(label: string): (done: number, total: number, loss?: number) => void {
  if (!process.stderr.isTTY) return () => {};
  const started = performance.now();
  return (done, total, loss) => {
    const lossText = loss === undefined ? '' : ` loss ${loss.toFixed(4)}`;
    const elapsed = (performance.now() - started) / 1000;
    const left = done > 0 ? `  ${Math.ceil((elapsed / done) * (total - done))} s left` : '';
    process.stderr.write(`\r${label}: ${done}/${total}${lossText}${left}${done === total ? '\n' : ''}`);
  };
}

async function writeOutputs(
  run: UnetRun,
  dataset: LoadedDataset,
  trainer: UnetTrainer,
  epochs: EpochResult[],
  report: DiceReport,
  counts: { real: number; synthetic: number; test: number },
): Promise<void> {
  const classNames = dataset.classes.map((info) => info.name);
  const summary = {
    mode: run.mode,
    dataset: { name: dataset.name, size: dataset.size, classes: dataset.classes, split: dataset.split, trainSlices: counts.real, testSlices: counts.test },
    synthetic: run.syntheticPath ? { checkpoint: run.syntheticPath, pairs: counts.synthetic } : null,
    config: trainer.config,
    parameters: trainer.parameterCount,
    training: epochs,
    dice: { classNames, ...report },
  };
  const model = layersModelFiles(await serializeLayersModel(trainer.model));
  await writeFile(join(run.out, 'dice.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(run.out, 'dice.csv'), diceCsv(report, classNames));
  await writeFile(join(run.out, 'unet', 'model.json'), model.modelJson);
  await writeFile(join(run.out, 'unet', 'weights.bin'), model.weights);
  log.info('outputs written', { out: run.out });
}

function printSummary(report: DiceReport, dataset: LoadedDataset): void {
  const perClass = report.perClass.map((dice, k) => `${dataset.classes[k]?.name ?? k} ${dice.toFixed(4)}`).join(', ');
  console.log(`Dice over ${report.patients} test patients (${report.slices} slices): ${perClass}`);
  console.log(`mean foreground Dice: ${report.meanForeground.toFixed(4)} (per patient), ${report.perSliceMeanForeground.toFixed(4)} (per slice)`);
}
