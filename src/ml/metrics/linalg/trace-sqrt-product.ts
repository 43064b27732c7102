/**
 * tr sqrtm(S₁ S₂) for symmetric positive semi-definite S₁ and S₂, the
 * expensive term of the Fréchet distance, in float64 and without complex
 * arithmetic.
 *
 * With S₁ = Rᵀ R (pivoted Cholesky, R of size r x n, r = rank S₁), S₁ S₂ = Rᵀ (R S₂)
 * has the same non-zero eigenvalues as M = R S₂ Rᵀ (AB and BA share them),
 * and M is symmetric PSD. S₁ S₂ is similar to the PSD matrix S₁^½ S₂ S₁^½, so its
 * eigenvalues are real and non-negative and the principal square root has
 * trace Σ √λᵢ(M). Only the eigenvalues of M are needed, never eigenvectors.
 *
 * Factoring the covariance of lower rank keeps M small and free of the
 * near-zero eigenvalues whose square roots (√ε-sized each) would add up
 * to noise: see `frechetDistance`, which chooses.
 *
 * Cost for n = r: n³/3 (factor) + n³ (R S₂) + n³/2 (M, upper half) multiply-adds
 * in the product kernel, then the eigenvalues of M.
 */

import { addProductTransposed, block } from './matrix-product';
import type { PivotedCholesky } from './pivoted-cholesky';
import { diagonalizeTridiagonal } from './tridiagonal-ql';
import { tridiagonalize } from './tridiagonal';

/** Returns tr sqrtm(S₁ S₂) given the pivoted Cholesky factor of S₁ and the full n x n matrix S₂. */
export function traceSqrtProduct(first: PivotedCholesky, second: Float64Array, n: number): number {
  const r = first.rank;
  if (r === 0) return 0;
  const factor = block(first.factor, n);

  // U = R S₂ (r x n); S₂ is symmetric, so U[c, j] = Σ_t R[c, t] S₂[j, t], a product with S₂ᵀ.
  const product = new Float64Array(r * n);
  addProductTransposed(factor, block(second, n), block(product, n), r, n, n);

  // M = U Rᵀ (r x r), symmetric: the upper blocks are enough for the tridiagonal reduction.
  const reduced = new Float64Array(r * r);
  addProductTransposed(block(product, n), factor, block(reduced, r), r, r, n, 1, true);

  const tridiagonal = tridiagonalize(reduced, r);
  diagonalizeTridiagonal(tridiagonal, r);
  let trace = 0;
  for (const eigenvalue of tridiagonal.diagonal) trace += Math.sqrt(Math.max(0, eigenvalue));
  return trace;
}
