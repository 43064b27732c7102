/**
 * The work of one experiment item: a U-Net trained on one training set and
 * tested on the real test split, or one GAN's fidelity in Inception and
 * U-Net feature space.
 */

import { LabError } from '../core/errors';
import { assembleTrainingSet, splitSubjects } from '../ml/data/assemble';
import type { TrainingSet } from '../ml/data/training-set';
import type { CheckpointChoice, DiceSummary, ExperimentItem, ExperimentRecord } from '../ml/experiments/experiment-record';
import { evaluateGenerator, type EvaluationHooks, type MetricName } from '../ml/metrics/evaluate';
import type { ExtractorRef } from '../ml/metrics/fidelity-record';
import { imagesOf } from '../ml/metrics/images';
import { sha256Hex } from '../ml/models/model-artifacts';
import type { Network } from '../ml/models/network';
import { serializeLayersModel } from '../ml/segmentation/checkpoint';
import { concatSources, memorySource, UnetTrainer, type SegmentationSource, type TestSet, type UnetConfig } from '../ml/segmentation/unet-trainer';
import { deserializeNetwork } from '../ml/training/checkpoint';
import type { RunConfig } from '../ml/training/config';
import type { ExperimentStage } from '../protocol/experiment';
import type { DatasetRecord } from '../storage/dataset-record';
import { readSlices } from '../storage/datasets';
import type { LabDatabase } from '../storage/db';
import { syntheticSetId } from '../storage/experiments';
import { putModel } from '../storage/models';
import { getCheckpoint } from '../storage/runs';
import { buildExtractor } from './extractors';
import { cachedReference } from './reference-cache';
import { ensureSyntheticSet, syntheticSource } from './synthetic-store';

export interface ExperimentData {
  train: TrainingSet;
  test: TestSet;
}

export interface ItemContext {
  db: LabDatabase;
  experiment: ExperimentRecord;
  dataset: DatasetRecord;
  data: ExperimentData;
  signal: AbortSignal;
  progress(stage: ExperimentStage, done: number, total: number, detail?: string): void;
  setDomainExtractor(extractor: ExtractorRef): Promise<void>;
}

/** Name of the U-Net layer whose pooled output serves as domain features. */
const BOTTLENECK = 'bottleneck';

export async function loadExperimentData(db: LabDatabase, dataset: DatasetRecord): Promise<ExperimentData> {
  const slices = await readSlices(db, dataset.id);
  const train = assembleTrainingSet(slices, dataset, 'train');
  const test = assembleTrainingSet(slices, dataset, 'test');
  return { train, test: { images: test.images, classIds: test.classIds, subjects: splitSubjects(slices, dataset, 'test'), count: test.count } };
}

export async function runUnetItem(item: ExperimentItem, context: ItemContext): Promise<Partial<ExperimentItem>> {
  const { experiment, data } = context;
  const source = await trainingSource(item, context);
  const { unet, seed } = experiment.options;
  const config: UnetConfig = {
    side: data.train.side,
    inChannels: data.train.imageChannels,
    numClasses: data.train.numClasses,
    ...unet,
    augment: item.kind === 'augmented',
    seed,
  };
  // The first batch can take long (shader compilation), so the stage shows before it ends.
  context.progress('training', 0, config.epochs, `epoch 1 of ${config.epochs}, first batch`);
  const trainer = new UnetTrainer(config, source);
  try {
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      const result = await trainer.trainEpoch({
        signal: context.signal,
        onBatch: (done, total, loss) => context.progress('training', epoch * total + done, config.epochs * total, `epoch ${epoch + 1} of ${config.epochs}, loss ${loss.toFixed(4)}`),
      });
      if (!Number.isFinite(result.loss)) throw new LabError('internal', `U-Net training diverged in epoch ${result.epoch} (loss ${result.loss})`, { hint: 'Lower the U-Net learning rate.' });
    }
    context.progress('testing', 0, 1);
    const report = await trainer.evaluate(data.test);
    context.progress('testing', 1, 1);
    if (item.kind === 'real' && experiment.options.domainFid) await context.setDomainExtractor(await cacheDomainExtractor(context, trainer));
    const dice: DiceSummary = { meanForeground: report.meanForeground, perClass: report.perClass, patients: report.patients, slices: report.slices };
    return { dice };
  } finally {
    trainer.dispose();
  }
}

async function trainingSource(item: ExperimentItem, context: ItemContext): Promise<SegmentationSource> {
  const real = memorySource(context.data.train);
  if (item.kind === 'real' || item.kind === 'augmented') return real;
  const synthetic = await synthesise(item.checkpoint!, context);
  return item.kind === 'synthetic' ? synthetic : concatSources(real, synthetic);
}

/** The checkpoint's synthetic set, sampled and stored the first time an item needs it. */
async function synthesise(choice: CheckpointChoice, context: ItemContext): Promise<SegmentationSource> {
  const { db, experiment, data } = context;
  const checkpoint = await getCheckpoint(db, choice.runId, choice.step);
  const { config } = checkpoint;
  if (config.resolution !== data.train.side || config.imageChannels !== data.train.imageChannels || config.numClasses !== data.train.numClasses) {
    throw new LabError('shape-mismatch', `${choice.runName} makes ${config.resolution} x ${config.resolution} samples with ${config.numClasses} classes, but the dataset has ${data.train.side} x ${data.train.side} slices with ${data.train.numClasses}`, {
      hint: 'Choose GAN runs trained on this dataset.',
    });
  }
  const setId = syntheticSetId(experiment.id, choice.runId, choice.step);
  const count = experiment.options.syntheticCount;
  const generator = await deserializeNetwork(checkpoint.generator);
  try {
    await ensureSyntheticSet(db, setId, generator, config, count, experiment.options.seed, (done, total) => context.progress('sampling', done, total, `${choice.runName}`), context.signal);
  } finally {
    generator.dispose();
  }
  return syntheticSource(db, setId, count, { side: config.resolution, imageChannels: config.imageChannels, numClasses: config.numClasses });
}

/** Stores the original-data U-Net as a feature extractor reading its pooled bottleneck. */
async function cacheDomainExtractor(context: ItemContext, trainer: UnetTrainer): Promise<ExtractorRef> {
  const model = await serializeLayersModel(trainer.model);
  const name = `U-Net on ${context.dataset.name} (${context.experiment.name})`;
  const sha256 = await sha256Hex([new TextEncoder().encode(JSON.stringify(model.modelTopology)), new Uint8Array(model.weightData)]);
  await putModel(context.db, { name, sha256, ...model }, 'extractor', `experiment ${context.experiment.id}`, BOTTLENECK);
  return { kind: 'layer', sha256, name, layer: BOTTLENECK };
}

export async function runFidelityItem(item: ExperimentItem, context: ItemContext): Promise<Partial<ExperimentItem>> {
  const { db, experiment } = context;
  const checkpoint = await getCheckpoint(db, item.checkpoint!.runId, item.checkpoint!.step);
  const generator = await deserializeNetwork(checkpoint.generator);
  const result: Partial<ExperimentItem> = {};
  try {
    if (experiment.options.extractor) {
      const scores = await score(context, generator, checkpoint.config, experiment.options.extractor, ['fid', 'kid']);
      result.fid = scores.fid?.value;
      result.kid = scores.kid?.mean;
    }
    const domain = context.experiment.domainExtractor;
    if (experiment.options.domainFid && domain) result.domainFid = (await score(context, generator, checkpoint.config, domain, ['fid'])).fid?.value;
  } finally {
    generator.dispose();
  }
  if (result.fid === undefined && result.domainFid === undefined) {
    throw new LabError('not-found', 'no feature extractor was available to score this GAN', {
      hint: 'Choose an Inception extractor, or keep the U-Net feature FID with the original data set ticked.',
    });
  }
  return result;
}

async function score(context: ItemContext, generator: Network, config: RunConfig, ref: ExtractorRef, metrics: MetricName[]) {
  const extractor = await buildExtractor(context.db, ref);
  try {
    const hooks: EvaluationHooks = { signal: context.signal, onProgress: (_stage, done, total) => context.progress('fidelity', done, total, extractor.info.name) };
    const reference = await cachedReference(context.db, context.dataset.id, extractor, imagesOf(context.data.train), hooks);
    return await evaluateGenerator({ extractor, generator, config, samples: context.experiment.options.fidelitySamples, metrics, reference, seed: context.experiment.options.seed }, hooks);
  } finally {
    extractor.dispose();
  }
}
