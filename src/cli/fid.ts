/**
 * `npm run cli -- fid`: FID (and KID when features of both sides are at
 * hand) between two image sources, each a dataset folder, a pytorch-fid
 * statistics file (.npz), or, for the generated side, a checkpoint zip.
 */

import * as tf from '@tensorflow/tfjs';
import { writeFile } from 'node:fs/promises';
import { assembleTrainingSet } from '../ml/data/assemble';
import { featuresOf, statisticsOf } from '../ml/metrics/evaluate';
import type { FeatureExtractor } from '../ml/metrics/extractor';
import type { FeatureSet } from '../ml/metrics/feature-set';
import { frechetDistance } from '../ml/metrics/frechet';
import type { GaussianStatistics } from '../ml/metrics/gaussian';
import { generateImages, imagesOf, type ImageSet } from '../ml/metrics/images';
import { inceptionExtractorFromCheckpoint } from '../ml/metrics/inception-extractor';
import { kernelInceptionDistance } from '../ml/metrics/kid';
import { layerExtractor } from '../ml/metrics/layer-extractor';
import { readFidStatistics, writeFidStatistics } from '../ml/metrics/npz';
import { sha256Hex } from '../ml/models/model-artifacts';
import { deserializeNetwork } from '../ml/training/checkpoint';
import { checkpointFromZip } from '../ml/training/checkpoint-archive';
import { DATASET_OPTIONS, ingestOptionsFrom, loadDatasetFolder } from './dataset';
import { readInputFile } from './input-file';
import { readModelFiles } from './model-files';
import { formatHelp, integerOption, parseOptions, UsageError, type OptionSpec, type ParsedOptions } from './options';

const INCEPTION_WEIGHTS_HINT =
  "Give the path of pytorch-fid's pt_inception-2015-12-05-6726825d.pth, downloaded once from pytorch-fid's GitHub releases; the lab never downloads it.";

const FID_OPTIONS: OptionSpec[] = [
  { name: 'real', value: 'SOURCE', help: 'real images: a dataset folder or a statistics .npz', required: true },
  { name: 'fake', value: 'SOURCE', help: 'generated images: a dataset folder, a statistics .npz or a checkpoint .zip', required: true },
  { name: 'extractor', value: 'KIND', help: 'feature network', default: 'inception', choices: ['inception', 'layer'] },
  { name: 'weights', value: 'FILE', help: "pytorch-fid's pt_inception-2015-12-05-6726825d.pth (from pytorch-fid's GitHub releases), or the model.json of a layers model" },
  { name: 'layer', value: 'NAME', help: 'layer to read features from, with --extractor layer' },
  { name: 'samples', value: 'N', help: 'samples to generate from a checkpoint', default: '1000' },
  { name: 'split', value: 'PART', help: 'slices of a dataset folder to use', default: 'all', choices: ['all', 'train', 'test'] },
  { name: 'save-real', value: 'FILE', help: 'write the real statistics as a pytorch-fid .npz' },
  { name: 'save-fake', value: 'FILE', help: 'write the generated statistics as a pytorch-fid .npz' },
  { name: 'json', help: 'print the result as JSON' },
  ...DATASET_OPTIONS.filter((spec) => spec.name !== 'data'),
];

const SUMMARY = `Computes the Fréchet Inception Distance between real and generated images with the
same extractor, preprocessing and float64 statistics as the lab, and KID when both sides
have features (not from .npz files, which hold statistics only).`;

interface Side {
  name: string;
  statistics: GaussianStatistics;
  features: FeatureSet | null;
}

export async function fidCommand(argv: string[]): Promise<void> {
  const options = parseOptions('fid', FID_OPTIONS, argv);
  if (options.help) {
    console.log(formatHelp('fid', SUMMARY, FID_OPTIONS));
    return;
  }
  const samples = integerOption('fid', options, 'samples', 2, 1_000_000)!;
  await tf.setBackend('cpu');
  const needsExtractor = !String(options.real).endsWith('.npz') || !String(options.fake).endsWith('.npz');
  const extractor = needsExtractor ? await extractorFrom(options) : null;
  try {
    const real = await loadSide('--real', String(options.real), options, extractor, samples);
    const fake = await loadSide('--fake', String(options.fake), options, extractor, samples);
    await saveStatistics(options['save-real'], real.statistics);
    await saveStatistics(options['save-fake'], fake.statistics);
    report(real, fake, options.json === true, extractor);
  } finally {
    extractor?.dispose();
  }
}

async function extractorFrom(options: ParsedOptions): Promise<FeatureExtractor> {
  const weights = options.weights;
  if (typeof weights !== 'string') {
    throw new UsageError('fid: --weights is required to extract features (pt_inception-2015-12-05-6726825d.pth, or a model.json with --extractor layer)');
  }
  if (options.extractor === 'inception') {
    const bytes = await readInputFile(weights, '--weights', INCEPTION_WEIGHTS_HINT);
    return inceptionExtractorFromCheckpoint(bytes, weights, await sha256Hex([bytes]));
  }
  if (typeof options.layer !== 'string') throw new UsageError('fid: --extractor layer needs --layer NAME');
  const stored = await readModelFiles(weights, '--weights');
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: stored.modelTopology, weightSpecs: stored.weightSpecs, weightData: stored.weightData }));
  return layerExtractor(model, { layer: options.layer, name: weights, weightsSha256: stored.sha256 });
}

async function loadSide(option: string, source: string, options: ParsedOptions, extractor: FeatureExtractor | null, samples: number): Promise<Side> {
  if (source.endsWith('.npz')) {
    const bytes = await readInputFile(source, option, 'Give the path of a pytorch-fid statistics file (.npz with mu and sigma).');
    return { name: source, statistics: readFidStatistics(bytes, source), features: null };
  }
  const images = source.endsWith('.zip') ? await checkpointImages(option, source, samples) : await folderImages(source, options);
  const features = await featuresOf(extractor!, images, 'generated', {
    onProgress: (done, total) => process.stderr.write(`\r${option}: features ${done}/${total}`),
  });
  process.stderr.write('\n');
  return { name: source, statistics: statisticsOf(features), features };
}

async function checkpointImages(option: string, path: string, samples: number): Promise<ImageSet> {
  const bytes = await readInputFile(path, option, 'Give the path of a checkpoint zip written by the lab or by `npm run cli -- train`.');
  const { checkpoint } = checkpointFromZip(bytes, path);
  const generator = await deserializeNetwork(checkpoint.generator);
  try {
    return await generateImages(generator, checkpoint.config, samples, 16);
  } finally {
    generator.dispose();
  }
}

async function folderImages(folder: string, options: ParsedOptions): Promise<ImageSet> {
  const dataset = await loadDatasetFolder(folder, ingestOptionsFrom('fid', options));
  const split = options.split as 'all' | 'train' | 'test';
  if (split !== 'all') return imagesOf(assembleTrainingSet(dataset.slices, dataset, split));
  const everything = { ...dataset.split, test: [], testSlices: [], unit: dataset.split.unit };
  return imagesOf(assembleTrainingSet(dataset.slices, { ...dataset, split: everything }, 'train'));
}

async function saveStatistics(path: string | boolean | undefined, statistics: GaussianStatistics): Promise<void> {
  if (typeof path !== 'string') return;
  await writeFile(path, writeFidStatistics(statistics));
  console.error(`fid: wrote ${path}`);
}

function report(real: Side, fake: Side, json: boolean, extractor: FeatureExtractor | null): void {
  const fid = frechetDistance(real.statistics, fake.statistics, { labels: ['real', 'generated'] });
  const kid = real.features && fake.features ? kernelInceptionDistance(real.features, fake.features) : null;
  const result = {
    fid: fid.value,
    warnings: fid.warnings,
    kid,
    real: { source: real.name, count: real.statistics.count ?? null },
    fake: { source: fake.name, count: fake.statistics.count ?? null },
    extractor: extractor?.info ?? null,
  };
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`FID: ${fid.value.toFixed(4)}`);
  for (const warning of fid.warnings) console.log(`warning: ${warning}`);
  if (kid) console.log(`KID: ${kid.mean.toFixed(6)} ± ${kid.std.toFixed(6)} (${kid.subsets} subsets of ${kid.subsetSize})`);
  else console.log('KID: not computed, because a .npz file holds statistics, not features');
}
