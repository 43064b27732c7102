/**
 * Eigenvalues (and optionally eigenvectors) of a symmetric tridiagonal matrix
 * by the implicit QL method with Wilkinson shifts, as in EISPACK's tql1/tql2
 * (Bowdler, Martin, Reinsch and Wilkinson, Numer. Math. 11, 1968).
 *
 * Each sweep works on the unreduced block l..m. Its shift is the eigenvalue
 * of the leading 2 x 2 block closest to d[l]. A chain of plane rotations from
 * m - 1 down to l then chases the bulge back to a tridiagonal form. A block
 * splits off when |e[m]| ≤ ε (|d[m]| + |d[m+1]|). Convergence is cubic for
 * almost all matrices and takes 1-2 sweeps per eigenvalue in practice.
 */

import { LabError } from '../../../core/errors';
import type { Tridiagonal } from './tridiagonal';

/** Sweeps allowed per eigenvalue before the iteration is declared stuck. */
const MAX_SWEEPS = 60;

/**
 * Diagonalises T in place: on return `diagonal` contains the eigenvalues
 * (unsorted). With `rotated` (row-major n x n), each rotation of T's basis is
 * also applied to the rows of `rotated`, so rows that start as Qᵀ end as the
 * eigenvectors, row i belonging to eigenvalue i.
 */
export function diagonalizeTridiagonal(t: Tridiagonal, n: number, rotated?: Float64Array): void {
  const d = t.diagonal;
  const e = t.offDiagonal;
  if (n > 0) e[n - 1] = 0;

  for (let l = 0; l < n; l++) {
    let sweeps = 0;
    for (;;) {
      const m = findSplit(d, e, l, n);
      if (m === l) break;
      if (++sweeps > MAX_SWEEPS) {
        throw new LabError('internal', `the tridiagonal QL iteration did not converge at eigenvalue ${l} of ${n}`, {
          hint: 'Check the matrix for NaN or infinite entries.',
        });
      }
      sweep(d, e, l, m, n, rotated);
    }
  }
}

/** Smallest m ≥ l whose off-diagonal e[m] is negligible (n - 1 when none is). */
function findSplit(d: Float64Array, e: Float64Array, l: number, n: number): number {
  let m = l;
  for (; m < n - 1; m++) {
    const scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
    if (Math.abs(e[m]) <= Number.EPSILON * scale) break;
  }
  return m;
}

/** Runs one implicit QL sweep over the block l..m with a Wilkinson shift. */
function sweep(d: Float64Array, e: Float64Array, l: number, m: number, n: number, rotated?: Float64Array): void {
  // Shift: the eigenvalue of [[d_l, e_l], [e_l, d_{l+1}]] nearest d_l; g starts as d_m - shift.
  let g = (d[l + 1] - d[l]) / (2 * e[l]);
  let r = Math.hypot(g, 1);
  g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));

  let s = 1;
  let c = 1;
  let p = 0;
  let i = m - 1;
  for (; i >= l; i--) {
    const f = s * e[i];
    const b = c * e[i];
    r = Math.hypot(f, g);
    e[i + 1] = r;
    if (r === 0) {
      // The rotation underflowed: the block has split at i + 1, deflate and restart.
      d[i + 1] -= p;
      e[m] = 0;
      return;
    }
    s = f / r;
    c = g / r;
    g = d[i + 1] - p;
    r = (d[i] - g) * s + 2 * c * b;
    p = s * r;
    d[i + 1] = g + p;
    g = c * r - b;
    if (rotated) rotateRows(rotated, n, i, c, s);
  }
  d[l] -= p;
  e[l] = g;
  e[m] = 0;
}

/** Rows i and i + 1 become c·row_i - s·row_{i+1} and s·row_i + c·row_{i+1}. */
function rotateRows(matrix: Float64Array, n: number, i: number, c: number, s: number): void {
  const upper = i * n;
  const lower = upper + n;
  for (let k = 0; k < n; k++) {
    const x = matrix[upper + k];
    const y = matrix[lower + k];
    matrix[upper + k] = c * x - s * y;
    matrix[lower + k] = s * x + c * y;
  }
}
