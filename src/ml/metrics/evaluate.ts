/**
 * One fidelity evaluation, independent of where its inputs are stored:
 * reference statistics of the real training images, samples of a generator,
 * their features through one extractor, and the metrics asked for. Shared by
 * the metrics worker and the command line.
 */

import type { Network } from '../models/network';
import type { RunConfig } from '../training/config';
import { extractFeatures, type FeatureExtractor } from './extractor';
import type { FeatureSet } from './feature-set';
import type { MemorizationPair, MemorizationResult } from './fidelity-record';
import { frechetDistance } from './frechet';
import { GaussianAccumulator, type GaussianStatistics } from './gaussian';
import { generateImages, imageBatch, type ImageSet } from './images';
import { kernelInceptionDistance } from './kid';
import { measureMemorization } from './memorization';
import { precisionRecall } from './precision-recall';

export type MetricName = 'fid' | 'kid' | 'precision-recall' | 'memorization';
export type EvaluationStage = 'reference' | 'generated' | 'statistics' | 'memorization';

export interface EvaluationHooks {
  onProgress?(stage: EvaluationStage, done: number, total: number): void;
  signal?: AbortSignal;
}

export interface Reference {
  features: FeatureSet;
  statistics: GaussianStatistics;
}

/** Images per extraction batch: Inception works on 299 x 299 copies, so batches stay small. */
export const EXTRACTION_BATCH = 16;
/** Closest generated/training pairs kept for display. */
export const MEMORIZATION_PAIRS = 8;

export async function featuresOf(extractor: FeatureExtractor, images: ImageSet, stage: EvaluationStage, hooks: EvaluationHooks): Promise<FeatureSet> {
  return extractFeatures(extractor, images.count, EXTRACTION_BATCH, (start, size) => imageBatch(images, start, size), {
    signal: hooks.signal,
    onProgress: (done, total) => hooks.onProgress?.(stage, done, total),
  });
}

export function statisticsOf(features: FeatureSet): GaussianStatistics {
  const accumulator = new GaussianAccumulator(features.dimension);
  accumulator.add(features);
  return accumulator.finish();
}

export async function computeReference(extractor: FeatureExtractor, training: ImageSet, hooks: EvaluationHooks): Promise<Reference> {
  const features = await featuresOf(extractor, training, 'reference', hooks);
  return { features, statistics: statisticsOf(features) };
}

export interface GeneratorEvaluation {
  fid?: { value: number; warnings: string[] };
  kid?: { mean: number; std: number; subsets: number; subsetSize: number };
  precisionRecall?: { precision: number; recall: number; k: number };
  memorization?: MemorizationResult[];
  generatedCount: number;
}

export interface GeneratorInputs {
  extractor: FeatureExtractor;
  generator: Network;
  config: Pick<RunConfig, 'latentSize' | 'resolution' | 'imageChannels'>;
  samples: number;
  metrics: MetricName[];
  reference: Reference;
  /** Training and held-out test images, needed for memorisation. */
  training?: ImageSet;
  test?: ImageSet;
  /** Seed of the KID subsets. */
  seed?: number;
}

export async function evaluateGenerator(inputs: GeneratorInputs, hooks: EvaluationHooks = {}): Promise<GeneratorEvaluation> {
  const { extractor, reference, metrics, samples } = inputs;
  const generated = await generateImages(inputs.generator, inputs.config, samples, EXTRACTION_BATCH, undefined, hooks.signal);
  const features = await featuresOf(extractor, generated, 'generated', hooks);
  hooks.onProgress?.('statistics', 0, 1);

  const result: GeneratorEvaluation = { generatedCount: samples };
  if (metrics.includes('fid')) result.fid = frechetDistance(reference.statistics, statisticsOf(features), { labels: ['real', 'generated'] });
  if (metrics.includes('kid')) result.kid = kernelInceptionDistance(reference.features, features, { seed: inputs.seed ?? 0 });
  if (metrics.includes('precision-recall')) result.precisionRecall = precisionRecall(reference.features, features);
  hooks.onProgress?.('statistics', 1, 1);

  if (metrics.includes('memorization') && inputs.training && inputs.test) {
    result.memorization = await memorization(inputs, generated, features, hooks);
  }
  return result;
}

async function memorization(inputs: GeneratorInputs, generated: ImageSet, generatedFeatures: FeatureSet, hooks: EvaluationHooks): Promise<MemorizationResult[]> {
  const training = inputs.training!;
  const test = inputs.test!;
  const testFeatures = await featuresOf(inputs.extractor, test, 'memorization', hooks);
  const spaces: { space: 'features' | 'pixels'; generated: FeatureSet; training: FeatureSet; test: FeatureSet }[] = [
    { space: 'features', generated: generatedFeatures, training: inputs.reference.features, test: testFeatures },
    { space: 'pixels', generated: pixelsAsFeatures(generated), training: pixelsAsFeatures(training), test: pixelsAsFeatures(test) },
  ];
  return spaces.map(({ space, generated: g, training: t, test: q }) => {
    const report = measureMemorization(g, t, q, { pairs: Math.min(MEMORIZATION_PAIRS, g.count) });
    const pairs: MemorizationPair[] = report.closestPairs.map((pair) => ({
      ...pair,
      generated: imageAt(generated, pair.generatedIndex),
      training: imageAt(training, pair.trainingIndex),
    }));
    return {
      space,
      closerThanAnyTest: report.shareCloserThanAnyTest,
      closerThanFifthPercentile: report.shareBelowTestPercentile5,
      medianGeneratedDistance: report.medianGeneratedDistance,
      medianTestDistance: report.medianTestDistance,
      pairs,
    };
  });
}

/** Flattened pixels as feature vectors, for nearest neighbours in pixel space. */
export function pixelsAsFeatures(images: ImageSet): FeatureSet {
  return { count: images.count, dimension: images.side * images.side * images.channels, values: images.pixels };
}

function imageAt(images: ImageSet, index: number): Float32Array {
  const length = images.side * images.side * images.channels;
  return images.pixels.slice(index * length, (index + 1) * length);
}
