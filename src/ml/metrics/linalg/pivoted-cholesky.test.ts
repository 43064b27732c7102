import { describe, expect, it } from 'vitest';
import { pivotedCholesky } from './pivoted-cholesky';

/** S = B Bᵀ for B of size n x r with entries sin(0.37 i² + salt): PSD of rank r (checked with numpy's matrix_rank). */
function lowRank(n: number, r: number, salt: number): Float64Array {
  const b = Float64Array.from({ length: n * r }, (_, i) => Math.sin(0.37 * i * i + salt));
  const s = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < r; k++) sum += b[i * r + k] * b[j * r + k];
      s[i * n + j] = sum;
    }
  }
  return s;
}

/** max |S - RᵀR| / max |S|. */
function reconstructionError(s: Float64Array, factor: Float64Array, n: number, rank: number): number {
  let worst = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let c = 0; c < rank; c++) sum += factor[c * n + i] * factor[c * n + j];
      worst = Math.max(worst, Math.abs(sum - s[i * n + j]));
      scale = Math.max(scale, Math.abs(s[i * n + j]));
    }
  }
  return worst / scale;
}

describe('pivotedCholesky', () => {
  it('factors a full-rank matrix', () => {
    // Adding n·I makes B Bᵀ positive definite.
    const n = 150;
    const s = lowRank(n, 20, 1);
    for (let i = 0; i < n; i++) s[i * n + i] += n;
    const { rank, factor } = pivotedCholesky(s, n);
    expect(rank).toBe(n);
    expect(reconstructionError(s, factor, n, rank)).toBeLessThan(1e-14);
  });

  it('finds the rank of a semi-definite matrix', () => {
    for (const [n, r] of [[150, 100], [150, 64], [40, 3], [129, 128]]) {
      const s = lowRank(n, r, n + r);
      const { rank, factor } = pivotedCholesky(s, n);
      expect(rank, `n = ${n}, r = ${r}`).toBe(r);
      expect(reconstructionError(s, factor, n, rank)).toBeLessThan(1e-13);
    }
  });

  it('returns rank 0 for a zero matrix', () => {
    const { rank, factor } = pivotedCholesky(new Float64Array(16), 4);
    expect(rank).toBe(0);
    expect(factor.length).toBe(0);
  });

  it('factors a diagonal matrix exactly', () => {
    const s = Float64Array.of(4, 0, 0, 0, 0, 0, 0, 0, 9);
    const { rank, factor } = pivotedCholesky(s, 3);
    expect(rank).toBe(2);
    // Pivots come largest first: 9 at index 2, then 4 at index 0.
    expect(Array.from(factor)).toEqual([0, 0, 3, 2, 0, 0]);
  });

  it('leaves the input unchanged', () => {
    const s = lowRank(10, 4, 7);
    const copy = Float64Array.from(s);
    pivotedCholesky(s, 10);
    expect(s).toEqual(copy);
  });
});
