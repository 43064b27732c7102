/**
 * Kernel Inception Distance: the unbiased MMD² between real and generated
 * features under the cubic polynomial kernel k(x, y) = (x·y / d + 1)³,
 * averaged over random subset pairs (100 of 1000 samples by default, as
 * Bińkowski et al. and torch-fidelity). Unlike FID it is unbiased, so values
 * from small sets can be compared; the mean can be slightly negative.
 * `std` is the population standard deviation over the subsets (numpy's
 * np.std, as torch-fidelity reports it).
 */

import { LabError } from '../../core/errors';
import { requireSameDimension, validateFeatureSet, type FeatureSet } from './feature-set';
import { unbiasedMmd2, type KernelSums } from './kid-kernel';
import { perSubsetKernelSums } from './kid-per-subset';
import { sharedGramKernelSums } from './kid-shared-gram';
import { drawKidSubsets } from './kid-subsets';

export interface KidOptions {
  /** Number of subset pairs; 100 by default. */
  subsets?: number;
  /** Largest subset size; the size used is min(real count, generated count, subsetSize). 1000 by default. */
  subsetSize?: number;
  /** Seed of the subset draws; 0 by default. */
  seed?: number;
  /**
   * Summation strategy: one shared pass over the Gram matrices, a separate
   * pass per subset, or (default) whichever needs fewer multiply-adds. All
   * give the same value up to rounding.
   */
  method?: 'auto' | 'shared-gram' | 'per-subset';
}

export interface KernelInceptionDistance {
  mean: number;
  std: number;
  subsets: number;
  subsetSize: number;
}

/** Computes KID between real and generated features of equal dimension. */
export function kernelInceptionDistance(real: FeatureSet, generated: FeatureSet, options: KidOptions = {}): KernelInceptionDistance {
  const subsets = options.subsets ?? 100;
  const seed = options.seed ?? 0;
  validateInputs(real, generated, subsets, options.subsetSize ?? 1000);
  const subsetSize = Math.min(real.count, generated.count, options.subsetSize ?? 1000);

  const draw = drawKidSubsets(real.count, generated.count, subsets, subsetSize, seed);
  const method = options.method ?? 'auto';
  const shared = method === 'shared-gram' || (method === 'auto' && sharedIsCheaper(real.count, generated.count, subsets, subsetSize));
  const sums: KernelSums[] = shared ? sharedGramKernelSums(real, generated, draw) : perSubsetKernelSums(real, generated, draw);

  const values = sums.map((s) => unbiasedMmd2(s, subsetSize));
  const mean = values.reduce((total, v) => total + v, 0) / subsets;
  const variance = values.reduce((total, v) => total + (v - mean) ** 2, 0) / subsets;
  return { mean, std: Math.sqrt(variance), subsets, subsetSize };
}

/**
 * Pairs computed: the shared pass covers every pair of the samples in use
 * (at most all of them), the per-subset one 2 m² pairs per subset.
 */
function sharedIsCheaper(realCount: number, generatedCount: number, subsets: number, m: number): boolean {
  const usedReal = Math.min(realCount, subsets * m);
  const usedGenerated = Math.min(generatedCount, subsets * m);
  const shared = (usedReal * usedReal + usedGenerated * usedGenerated) / 2 + usedReal * usedGenerated;
  return shared <= subsets * 2 * m * m;
}

function validateInputs(real: FeatureSet, generated: FeatureSet, subsets: number, subsetSize: number): void {
  if (!Number.isInteger(subsets) || subsets < 1) {
    throw new LabError('invalid-argument', `KID subset count ${subsets} must be a positive integer`, { field: 'subsets' });
  }
  if (!Number.isInteger(subsetSize) || subsetSize < 2) {
    throw new LabError('invalid-argument', `KID subset size ${subsetSize} must be an integer of at least 2`, { field: 'subsetSize' });
  }
  validateFeatureSet(real, 'real features');
  validateFeatureSet(generated, 'generated features');
  requireSameDimension(real, 'real features', generated, 'generated features');
  for (const [set, name] of [[real, 'real'], [generated, 'generated']] as const) {
    if (set.count < 2) {
      throw new LabError('empty-dataset', `KID needs at least 2 ${name} samples, but there are ${set.count}`, {
        hint: 'Extract features from more images.',
      });
    }
  }
}
