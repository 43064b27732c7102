/**
 * `npm run cli -- train`: trains one GAN on a dataset folder on the CPU
 * backend and writes what the browser stores for a run: the configuration,
 * a metrics log (JSON lines) and checkpoints in the lab's export format.
 */

import * as tf from '@tensorflow/tfjs';
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLogger } from '../core/log';
import { sampleGridPng } from '../export/sample-grid';
import { assembleTrainingSet } from '../ml/data/assemble';
import { PerceptualNetwork } from '../ml/losses/perceptual';
import { checkpointToZip } from '../ml/training/checkpoint-archive';
import { DEFAULT_RUN_CONFIG } from '../ml/training/defaults';
import { GAN_KINDS, type GanKind, type RunConfig } from '../ml/training/config';
import { TrainingControl } from '../ml/training/control';
import { runTrainingLoop } from '../ml/training/loop';
import { GanTrainer } from '../ml/training/trainer';
import { validateRunConfig } from '../ml/training/validate';
import { DATASET_OPTIONS, ingestOptionsFrom, loadDatasetFolder, type LoadedDataset } from './dataset';
import { readModelFiles } from './model-files';
import { formatHelp, integerOption, parseOptions, UsageError, type OptionSpec } from './options';
import { buildRunConfig, readOverrides } from './run-config';

const log = createLogger('cli/train');

const TRAIN_OPTIONS: OptionSpec[] = [
  ...DATASET_OPTIONS,
  { name: 'gan', value: 'KIND', help: "GAN to train, with its paper's settings as the starting point", default: 'dcgan', choices: GAN_KINDS },
  { name: 'steps', value: 'N', help: "generator steps to train for (default: the GAN preset's)" },
  { name: 'batch', value: 'N', help: "batch size (default: the GAN preset's)" },
  { name: 'seed', value: 'N', help: `seed of weights, batches, latent vectors and augmentation (default ${DEFAULT_RUN_CONFIG.seed})` },
  { name: 'checkpoint-every', value: 'N', help: `write a checkpoint every N generator steps (default ${DEFAULT_RUN_CONFIG.checkpointInterval})` },
  { name: 'config', value: 'FILE', help: 'JSON object of run configuration fields to override (see config.json of any run)' },
  { name: 'vgg', value: 'MODEL_JSON', help: 'model.json of VGG-19 weights (TensorFlow.js layers model) for the perceptual term' },
  { name: 'out', value: 'FOLDER', help: 'where to write config.json, metrics.jsonl, samples.png and checkpoints/', required: true },
];

const SUMMARY = `Trains a GAN on the CPU backend of TensorFlow.js. The folder is read, paired and
preprocessed exactly as the lab does with a dropped folder. Checkpoints are the zip files
the lab exports, so a headless run imports into the lab (Runs, Import checkpoint).`;

export async function trainCommand(argv: string[]): Promise<void> {
  const options = parseOptions('train', TRAIN_OPTIONS, argv);
  if (options.help) {
    console.log(formatHelp('train', SUMMARY, TRAIN_OPTIONS));
    return;
  }
  const flags: Partial<RunConfig> = {
    totalSteps: integerOption('train', options, 'steps', 1, 10_000_000),
    batchSize: integerOption('train', options, 'batch', 1, 256),
    seed: integerOption('train', options, 'seed', 0, 2 ** 32 - 1),
    checkpointInterval: integerOption('train', options, 'checkpoint-every', 1, 10_000_000),
  };
  const ingestOptions = ingestOptionsFrom('train', options);
  const overrides = typeof options.config === 'string' ? { values: await readOverrides(options.config), source: options.config } : undefined;
  const out = resolve(String(options.out));

  await tf.setBackend('cpu');
  const dataset = await loadDatasetFolder(String(options.data), ingestOptions);
  let config = buildRunConfig({
    gan: options.gan as GanKind,
    overrides,
    flags,
    dataset: { resolution: dataset.size, imageChannels: dataset.imageChannels, numClasses: dataset.classes.length },
  });
  const perceptual = await loadPerceptual(options.vgg, config);
  if (perceptual) config = { ...config, perceptualModel: perceptual.reference };
  validateRunConfig(config);

  await mkdir(join(out, 'checkpoints'), { recursive: true });
  await writeFile(join(out, 'config.json'), `${JSON.stringify({ config, dataset: describeDataset(dataset) }, null, 2)}\n`);
  await writeFile(join(out, 'metrics.jsonl'), '');
  await train(config, dataset, out, perceptual?.network ?? null);
}

async function loadPerceptual(path: string | boolean | undefined, config: RunConfig) {
  if (typeof path !== 'string') return null;
  const stored = await readModelFiles(path, '--vgg');
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: stored.modelTopology, weightSpecs: stored.weightSpecs, weightData: stored.weightData }));
  if (config.vggPerceptual === 0) log.warn('--vgg given but vggPerceptual is 0; the perceptual term stays off');
  return { network: new PerceptualNetwork(model), reference: { name: stored.name, sha256: stored.sha256 } };
}

function describeDataset(dataset: LoadedDataset) {
  const { report } = dataset;
  return {
    name: dataset.name,
    size: dataset.size,
    imageChannels: dataset.imageChannels,
    classes: dataset.classes,
    split: dataset.split,
    pairs: report.pairs.length,
    slices: report.sliceCounts,
    leftOut: report.leftOut,
    failures: report.failures,
  };
}

async function train(config: RunConfig, dataset: LoadedDataset, out: string, perceptual: PerceptualNetwork | null): Promise<void> {
  const data = assembleTrainingSet(dataset.slices, dataset, 'train');
  const trainer = new GanTrainer(config, data, undefined, perceptual);
  const control = new TrainingControl();
  // A signal may arrive twice (from the terminal and from the launcher), so later ones are ignored.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (control.state === 'stopped') return;
      log.warn(`${signal}: writing a checkpoint, then stopping`);
      control.stop();
    });
  }
  const runName = `${config.gan} on ${dataset.name}`;
  console.log(`train: ${runName}, ${data.count} training slices of ${config.resolution} x ${config.resolution}, ${config.totalSteps} steps`);

  const outcome = await runTrainingLoop(trainer, {
    runId: `cli-${Date.now().toString(36)}`,
    backend: 'cpu',
    control,
    hooks: {
      async onStep(progress) {
        const record = { step: progress.step, imagesSeen: progress.imagesSeen, losses: progress.losses, imagesPerSecond: progress.imagesPerSecond, seconds: progress.seconds };
        await appendFile(join(out, 'metrics.jsonl'), `${JSON.stringify(record)}\n`);
        const losses = `D ${progress.losses['Loss/D'].toFixed(4)}  G ${progress.losses['Loss/G'].toFixed(4)}`;
        console.log(`step ${progress.step}/${progress.totalSteps}  ${losses}  ${progress.imagesPerSecond.toFixed(1)} images/s  ${Math.ceil(progress.secondsLeft)} s left`);
      },
      async onSamples(_step, grid) {
        // The 16 fixed samples as a 4 x 4 mosaic, masks overlaid as in the lab.
        const layout = { side: config.resolution, imageChannels: config.imageChannels, numClasses: config.numClasses };
        await writeFile(join(out, 'samples.png'), sampleGridPng(grid, layout));
      },
      async onCheckpoint(checkpoint) {
        const zip = checkpointToZip(checkpoint, { name: runName, datasetName: dataset.name });
        const file = join(out, 'checkpoints', `step-${String(checkpoint.step).padStart(6, '0')}.zip`);
        await writeFile(file, zip);
        await writeFile(join(out, 'checkpoint.zip'), zip);
        console.log(`checkpoint: ${file}`);
      },
    },
  });
  trainer.dispose();
  console.log(`train: ${outcome} at step ${trainer.step}; outputs in ${out}`);
}

export { UsageError };
