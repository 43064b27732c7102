/**
 * The kernel and estimator of KID (Bińkowski, Sutherland, Arbel and Gretton,
 * "Demystifying MMD GANs", ICLR 2018), shared by both ways of summing it.
 */

import type { FeatureSet } from './feature-set';

/** Cubic polynomial kernel k(x, y) = (x·y / d + 1)³ from the dot product x·y. */
export function polynomialKernel(dot: number, dimension: number): number {
  const base = dot / dimension + 1;
  return base * base * base;
}

/** Kernel sums of one subset pair: X real and Y generated, m rows each. */
export interface KernelSums {
  /** Σ_{i<j} k(x_i, x_j). */
  realPairs: number;
  /** Σ_{i<j} k(y_i, y_j). */
  generatedPairs: number;
  /** Σ_{i,j} k(x_i, y_j). */
  cross: number;
}

/**
 * Unbiased MMD² of one subset pair:
 *   [Σ_{i≠j} k(x_i, x_j) + Σ_{i≠j} k(y_i, y_j)] / (m (m - 1)) - 2 Σ_{i,j} k(x_i, y_j) / m²
 * where each sum over i ≠ j is twice the sum over i < j.
 */
export function unbiasedMmd2(sums: KernelSums, m: number): number {
  return (2 * (sums.realPairs + sums.generatedPairs)) / (m * (m - 1)) - (2 * sums.cross) / (m * m);
}

/** Copies the rows `indices` of `set` to float64, `[indices.length, dimension]` row-major, into `out`. */
export function gatherRows(set: FeatureSet, indices: Int32Array, out: Float64Array): Float64Array {
  const { dimension, values } = set;
  for (let row = 0; row < indices.length; row++) {
    const source = indices[row] * dimension;
    const target = row * dimension;
    for (let d = 0; d < dimension; d++) out[target + d] = values[source + d];
  }
  return out;
}
