/**
 * Fréchet distance between two Gaussians fitted to feature vectors, the
 * distance behind FID (Heusel et al. 2017):
 *
 *   d² = ‖μ₁ - μ₂‖² + tr S₁ + tr S₂ - 2 tr sqrtm(S₁ S₂)
 *
 * pytorch-fid computes sqrtm(S₁ S₂) with scipy.linalg.sqrtm, which works in
 * complex arithmetic and can fail on singular covariances. Here the last term
 * comes from the eigenvalues of a symmetric PSD matrix of the same spectrum
 * (see linalg/trace-sqrt-product.ts), so rank-deficient covariances give a
 * finite, accurate value.
 */

import { LabError } from '../../core/errors';
import type { GaussianStatistics } from './gaussian';
import { pivotedCholesky, type PivotedCholesky } from './linalg/pivoted-cholesky';
import { traceSqrtProduct } from './linalg/trace-sqrt-product';

export interface FrechetDistance {
  /** d², in squared feature units (FID when the features are Inception-v3 pool features). */
  value: number;
  /** Reasons to distrust the value, one sentence each, for the UI to show. */
  warnings: string[];
}

export interface FrechetOptions {
  /** Names of the two statistics in warnings and errors, e.g. ['real', 'generated']. */
  labels?: [string, string];
}

/**
 * Computes the Fréchet distance between two sets of Gaussian statistics.
 * Throws a LabError when their dimensions differ or a value is not finite.
 * Rounding can push d² of identical statistics a little below zero, so the
 * result is clamped at 0.
 */
export function frechetDistance(a: GaussianStatistics, b: GaussianStatistics, options: FrechetOptions = {}): FrechetDistance {
  const [labelA, labelB] = options.labels ?? ['first statistics', 'second statistics'];
  validateStatistics(a, labelA);
  validateStatistics(b, labelB);
  if (a.dimension !== b.dimension) {
    throw new LabError('shape-mismatch', `${labelA} have ${a.dimension} features but ${labelB} have ${b.dimension}`, {
      hint: 'Compute both statistics with the same feature extractor.',
    });
  }
  const n = a.dimension;

  let meanTerm = 0;
  for (let i = 0; i < n; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  const traces = trace(a.covariance, n) + trace(b.covariance, n);
  const { factor, other } = factorLowerRank(a, b);
  const crossTerm = traceSqrtProduct(factor, other.covariance, n);

  const value = Math.max(0, meanTerm + traces - 2 * crossTerm);
  const warnings = [...singularWarnings(a, labelA), ...singularWarnings(b, labelB)];
  return { value, warnings };
}

/**
 * Factors the covariance of lower rank, trying first the one from fewer
 * samples (rank ≤ count - 1). The other one is factored as well only when the
 * first has full rank and the other may not (count unknown or ≤ dimension).
 */
function factorLowerRank(a: GaussianStatistics, b: GaussianStatistics): { factor: PivotedCholesky; other: GaussianStatistics } {
  const n = a.dimension;
  const [first, second] = (b.count ?? Infinity) < (a.count ?? Infinity) ? [b, a] : [a, b];
  const factor = pivotedCholesky(first.covariance, n);
  if (factor.rank < n || (second.count !== undefined && second.count > n)) return { factor, other: second };
  const alternative = pivotedCholesky(second.covariance, n);
  return alternative.rank < factor.rank ? { factor: alternative, other: first } : { factor, other: second };
}

function trace(matrix: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += matrix[i * n + i];
  return sum;
}

/** Returns one warning when the statistics come from too few samples for a full-rank covariance, else none. */
function singularWarnings(statistics: GaussianStatistics, label: string): string[] {
  const { count, dimension } = statistics;
  if (count === undefined || count >= dimension + 1) return [];
  return [
    `The ${label} come from ${count} samples, fewer than the ${dimension + 1} that a full-rank covariance of ` +
    `${dimension} features needs, so the covariance is singular and the Fréchet distance is strongly biased ` +
    `by the sample count. Compare sets of equal size, or use KID, which is unbiased for small sets.`,
  ];
}

function validateStatistics(statistics: GaussianStatistics, label: string): void {
  const { dimension: n, count, mean, covariance } = statistics;
  if (!Number.isInteger(n) || n < 1) {
    throw new LabError('invalid-argument', `${label}: dimension ${n} must be a positive integer`);
  }
  if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
    throw new LabError('invalid-argument', `${label}: sample count ${count} must be a non-negative integer`);
  }
  if (mean.length !== n || covariance.length !== n * n) {
    throw new LabError(
      'shape-mismatch',
      `${label}: dimension ${n} needs a mean of ${n} values and a covariance of ${n * n}, ` +
        `but they have ${mean.length} and ${covariance.length}`,
    );
  }
  requireFinite(mean, `${label}: mean`);
  requireFinite(covariance, `${label}: covariance`);
}

function requireFinite(values: Float64Array, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new LabError('invalid-argument', `${name} entry ${i} is ${values[i]}, not a finite number`, {
        hint: 'Recompute the statistics; a file may be damaged.',
      });
    }
  }
}
