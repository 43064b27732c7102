/**
 * Memorisation check: are generated images copies of training images?
 *
 * For every generated sample g, the check finds its nearest training sample
 * and the distance d(g) to it. For every held-out test sample t, it finds the
 * distance d(t) to the nearest training sample. Real test images are new
 * draws from the same distribution, so d(t) shows how close a genuinely new
 * image comes to the training set. Reported:
 *   - shareCloserThanAnyTest: share of generated samples with d(g) < min_t d(t),
 *     closer to a training image than any real test image is;
 *   - shareBelowTestPercentile5: share with d(g) < the 5th percentile of d(t);
 *   - the medians of d(g) and of d(t);
 *   - the closest generated/training pairs, ascending by distance, for the UI
 *     to show side by side.
 * A model that generalises has shares near 0 and 0.05 and similar medians.
 * Percentiles and medians use NumPy's default linear interpolation between
 * order statistics. Distances are Euclidean: the same function serves
 * feature space and pixel space (flattened images as the rows).
 */

import { LabError } from '../../core/errors';
import { featureMean, requireSameDimension, validateFeatureSet, type FeatureSet } from './feature-set';
import { nearestRows } from './nearest-neighbours';
import { exactDistance } from './pairwise';

export interface MemorizationOptions {
  /** How many of the closest generated/training pairs to report; 16 by default. */
  pairs?: number;
}

export interface ClosestPair {
  generatedIndex: number;
  trainingIndex: number;
  distance: number;
}

export interface MemorizationReport {
  /** Per generated sample: index of its nearest training sample. */
  nearestTrainingIndex: Int32Array;
  /** Per generated sample: Euclidean distance to that training sample. */
  generatedDistances: Float64Array;
  /** Per test sample: Euclidean distance to its nearest training sample. */
  testDistances: Float64Array;
  minimumTestDistance: number;
  testPercentile5: number;
  shareCloserThanAnyTest: number;
  shareBelowTestPercentile5: number;
  medianGeneratedDistance: number;
  medianTestDistance: number;
  /** The `pairs` closest generated/training pairs, ascending by distance. */
  closestPairs: ClosestPair[];
}

/** Measures how close generated samples come to the training set, compared with held-out test samples. */
export function measureMemorization(
  generated: FeatureSet,
  training: FeatureSet,
  test: FeatureSet,
  options: MemorizationOptions = {},
): MemorizationReport {
  const pairs = options.pairs ?? 16;
  validateInputs(generated, training, test, pairs);

  const centre = featureMean(training);
  const { index, distances: generatedDistances } = nearestTraining(generated, training, centre);
  const testDistances = nearestTraining(test, training, centre).distances;

  const minimumTestDistance = percentile(testDistances, 0);
  const testPercentile5 = percentile(testDistances, 5);
  return {
    nearestTrainingIndex: index,
    generatedDistances,
    testDistances,
    minimumTestDistance,
    testPercentile5,
    shareCloserThanAnyTest: shareBelow(generatedDistances, minimumTestDistance),
    shareBelowTestPercentile5: shareBelow(generatedDistances, testPercentile5),
    medianGeneratedDistance: percentile(generatedDistances, 50),
    medianTestDistance: percentile(testDistances, 50),
    closestPairs: closestPairs(index, generatedDistances, pairs),
  };
}

/** Nearest training row of every query row, with the distance recomputed from the differences. */
function nearestTraining(query: FeatureSet, training: FeatureSet, centre: Float64Array): { index: Int32Array; distances: Float64Array } {
  const { index } = nearestRows(query, training, centre);
  const distances = new Float64Array(query.count);
  for (let row = 0; row < query.count; row++) distances[row] = exactDistance(query, row, training, index[row]);
  return { index, distances };
}

function shareBelow(values: Float64Array, threshold: number): number {
  let count = 0;
  for (const value of values) if (value < threshold) count++;
  return count / values.length;
}

/** NumPy's default percentile: linear interpolation at rank (n - 1) p / 100 of the sorted values. */
export function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const rank = ((sorted.length - 1) * p) / 100;
  const low = Math.floor(rank);
  const fraction = rank - low;
  return fraction === 0 ? sorted[low] : sorted[low] + fraction * (sorted[low + 1] - sorted[low]);
}

function closestPairs(index: Int32Array, distances: Float64Array, pairs: number): ClosestPair[] {
  const order = Array.from(distances.keys()).sort((a, b) => distances[a] - distances[b] || a - b);
  return order.slice(0, pairs).map((g) => ({ generatedIndex: g, trainingIndex: index[g], distance: distances[g] }));
}

function validateInputs(generated: FeatureSet, training: FeatureSet, test: FeatureSet, pairs: number): void {
  if (!Number.isInteger(pairs) || pairs < 0) {
    throw new LabError('invalid-argument', `closest pair count ${pairs} must be a non-negative integer`, { field: 'pairs' });
  }
  const sets = [
    [generated, 'generated samples'],
    [training, 'training samples'],
    [test, 'test samples'],
  ] as const;
  for (const [set, name] of sets) {
    validateFeatureSet(set, name);
    if (set.count === 0) {
      throw new LabError('empty-dataset', `the memorisation check needs at least one of the ${name}, but there are none`);
    }
  }
  requireSameDimension(generated, 'generated samples', training, 'training samples');
  requireSameDimension(test, 'test samples', training, 'training samples');
}
