/**
 * Cholesky factorisation with complete (diagonal) pivoting of a symmetric
 * positive semi-definite matrix: Pᵀ S P = L Lᵀ, stopping at the numerical
 * rank r, where every remaining pivot is at most `tolerance`.
 *
 * Pivoting on the largest remaining diagonal entry makes the factorisation
 * rank-revealing and stable for semi-definite matrices: the part left out,
 * the Schur complement, is PSD with trace ≤ (n - r) · tolerance (Higham,
 * "Cholesky factorization", WIREs Comp. Stat. 2009). The default tolerance,
 * n · ε · max_i S_ii, is LAPACK dpstrf's.
 *
 * Layout: the matrix is stored full (both triangles) so that row swaps, column
 * swaps and reading column k as row k are all simple. Columns are produced in
 * panels of 64; after each panel the trailing block gets one rank-64 update
 * through the product kernel, which is where nearly all the work happens.
 */

import { addProductTransposed, block } from './matrix-product';

const PANEL = 64;

export interface PivotedCholesky {
  /** Numerical rank r. */
  rank: number;
  /**
   * Rᵀ, r x n row-major, in the original order of the rows and columns:
   * S ≈ Rᵀ R, with the error bounded as in the file header.
   */
  factor: Float64Array;
}

/** Factorises a symmetric PSD n x n row-major matrix; the input is not changed. */
export function pivotedCholesky(matrix: Float64Array, n: number, tolerance?: number): PivotedCholesky {
  const work = Float64Array.from(matrix);
  const lower = new Float64Array(n * n);
  const permutation = Int32Array.from({ length: n }, (_, i) => i);
  const pivots = new Float64Array(n);
  for (let i = 0; i < n; i++) pivots[i] = work[i * n + i];
  const limit = tolerance ?? n * Number.EPSILON * maximum(pivots);

  let rank = 0;
  for (let start = 0; start < n && rank === start; start += PANEL) {
    const end = Math.min(n, start + PANEL);
    rank = factorPanel(work, lower, pivots, permutation, n, start, end, limit);
    if (rank === end && end < n) updateTrailing(work, lower, pivots, n, start, end);
  }
  return { rank, factor: unpermute(lower, permutation, n, rank) };
}

/**
 * Produces columns start..end-1 of L, choosing each pivot from the exact
 * remaining diagonal. Returns the column at which a pivot fell to `limit`
 * or below, or `end`.
 */
function factorPanel(
  work: Float64Array,
  lower: Float64Array,
  pivots: Float64Array,
  permutation: Int32Array,
  n: number,
  start: number,
  end: number,
  limit: number,
): number {
  for (let k = start; k < end; k++) {
    const p = argmaxFrom(pivots, k);
    if (!(pivots[p] > limit)) return k;
    swapIndices(work, lower, pivots, permutation, n, k, p);

    // L[i, k] = (W[k, i] - Σ_{c in panel, c < k} L[i, c] L[k, c]) / L[k, k]; W is symmetric, so row k is column k.
    const diagonal = Math.sqrt(pivots[k]);
    lower[k * n + k] = diagonal;
    const rowK = k * n;
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      let sum = work[rowK + i];
      for (let c = start; c < k; c++) sum -= lower[rowI + c] * lower[rowK + c];
      const entry = sum / diagonal;
      lower[rowI + k] = entry;
      pivots[i] -= entry * entry;
    }
  }
  return end;
}

/** W[i, j] -= Σ_{c in [start, end)} L[i, c] L[j, c] for i, j ≥ end, then re-read the pivots from the diagonal. */
function updateTrailing(work: Float64Array, lower: Float64Array, pivots: Float64Array, n: number, start: number, end: number): void {
  const panel = block(lower, n, end, start);
  addProductTransposed(panel, panel, block(work, n, end, end), n - end, n - end, end - start, -1);
  for (let i = end; i < n; i++) pivots[i] = work[i * n + i];
}

function argmaxFrom(values: Float64Array, from: number): number {
  let best = from;
  for (let i = from + 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Swaps index k and p (k ≤ p) in W's trailing rows and columns, in L's rows, the pivots and the permutation. */
function swapIndices(
  work: Float64Array,
  lower: Float64Array,
  pivots: Float64Array,
  permutation: Int32Array,
  n: number,
  k: number,
  p: number,
): void {
  if (k === p) return;
  swapRanges(work, k * n + k, p * n + k, n - k);
  for (let i = k; i < n; i++) swapRanges(work, i * n + k, i * n + p, 1);
  swapRanges(lower, k * n, p * n, k);
  [pivots[k], pivots[p]] = [pivots[p], pivots[k]];
  [permutation[k], permutation[p]] = [permutation[p], permutation[k]];
}

function swapRanges(data: Float64Array, first: number, second: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const value = data[first + i];
    data[first + i] = data[second + i];
    data[second + i] = value;
  }
}

/** Rᵀ[c, permutation[i]] = L[i, c] for c < rank. */
function unpermute(lower: Float64Array, permutation: Int32Array, n: number, rank: number): Float64Array {
  const factor = new Float64Array(rank * n);
  for (let i = 0; i < n; i++) {
    const column = permutation[i];
    for (let c = 0; c < rank; c++) factor[c * n + column] = lower[i * n + c];
  }
  return factor;
}

function maximum(values: Float64Array): number {
  let best = 0;
  for (const value of values) best = Math.max(best, value);
  return best;
}
