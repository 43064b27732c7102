import { describe, expect, it } from 'vitest';
import { LabError } from '../../../core/errors';
import { symmetricEigen, symmetricEigenvalues } from './symmetric-eigen';

/** Builds A = H diag(values) H with the Householder reflection H = I - 2 u uᵀ / uᵀu, whose eigenvalues are exactly `values`. */
function withSpectrum(values: number[]): Float64Array {
  const n = values.length;
  const u = Float64Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + 0.4) + 0.1);
  const norm = u.reduce((s, x) => s + x * x, 0);
  const h = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / norm;
  }
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += h[i * n + k] * values[k] * h[k * n + j];
      a[i * n + j] = sum;
    }
  }
  return a;
}

function expectSpectrum(actual: Float64Array, expected: number[], tolerance: number): void {
  const sorted = [...expected].sort((x, y) => x - y);
  expect(actual.length).toBe(sorted.length);
  sorted.forEach((value, i) => expect(Math.abs(actual[i] - value)).toBeLessThanOrEqual(tolerance));
}

/** max |A v - λ v| over all pairs, and max |VᵀV - I|. */
function residuals(a: Float64Array, n: number, values: Float64Array, vectors: Float64Array): { residual: number; orthogonality: number } {
  let residual = 0;
  let orthogonality = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += a[i * n + j] * vectors[k * n + j];
      residual = Math.max(residual, Math.abs(sum - values[k] * vectors[k * n + i]));
    }
    for (let l = 0; l < n; l++) {
      let dot = 0;
      for (let j = 0; j < n; j++) dot += vectors[k * n + j] * vectors[l * n + j];
      orthogonality = Math.max(orthogonality, Math.abs(dot - (k === l ? 1 : 0)));
    }
  }
  return { residual, orthogonality };
}

describe('symmetricEigenvalues', () => {
  it('solves a 2 x 2 matrix', () => {
    expectSpectrum(symmetricEigenvalues(Float64Array.of(2, 1, 1, 2), 2), [1, 3], 1e-15);
  });

  it('handles sizes 0 and 1', () => {
    expect(symmetricEigenvalues(new Float64Array(0), 0).length).toBe(0);
    expectSpectrum(symmetricEigenvalues(Float64Array.of(-4), 1), [-4], 0);
  });

  it('matches the second-difference matrix', () => {
    // tridiag(-1, 2, -1) of order n has eigenvalues 2 - 2 cos(kπ / (n + 1)), k = 1..n.
    const n = 50;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i + 1 < n) a[i * n + i + 1] = a[(i + 1) * n + i] = -1;
    }
    const expected = Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
    expectSpectrum(symmetricEigenvalues(a, n), expected, 1e-13);
  });

  it('recovers a prescribed spectrum', () => {
    const values = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 0 : ((i * 37) % 101) - 50));
    values[7] = values[8] = values[9] = 12.5;
    expectSpectrum(symmetricEigenvalues(withSpectrum(values), values.length), values, 1e-12);
  });

  it('returns a diagonal matrix sorted', () => {
    const n = 6;
    const diagonal = [3, -1, 4, 1, -5, 9];
    const a = new Float64Array(n * n);
    diagonal.forEach((value, i) => (a[i * n + i] = value));
    expectSpectrum(symmetricEigenvalues(a, n), diagonal, 0);
  });

  it('gives zeros for a zero matrix', () => {
    expectSpectrum(symmetricEigenvalues(new Float64Array(25), 5), [0, 0, 0, 0, 0], 0);
  });

  it('finds the null space of B Bᵀ', () => {
    // Rank 4 PSD matrix of order 30: 26 eigenvalues are 0 up to rounding.
    const n = 30;
    const r = 4;
    const b = Float64Array.from({ length: n * r }, (_, i) => Math.cos(0.7 * i * i + 1));
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < r; k++) a[i * n + j] += b[i * r + k] * b[j * r + k];
      }
    }
    const values = symmetricEigenvalues(a, n);
    for (let i = 0; i < n - r; i++) expect(Math.abs(values[i])).toBeLessThan(1e-13);
    for (let i = n - r; i < n; i++) expect(values[i]).toBeGreaterThan(1e-3);
  });

  it('leaves the input unchanged', () => {
    const a = withSpectrum([1, 2, 3, 4]);
    const copy = Float64Array.from(a);
    symmetricEigenvalues(a, 4);
    expect(a).toEqual(copy);
  });

  it('rejects a wrong size', () => {
    expect(() => symmetricEigenvalues(new Float64Array(8), 3)).toThrow(LabError);
    expect(() => symmetricEigenvalues(new Float64Array(8), 3)).toThrow(/3 x 3 matrix needs 9 entries but 8/);
  });

  it('rejects NaN entries', () => {
    const a = withSpectrum([1, 2, 3]);
    a[5] = Number.NaN;
    expect(() => symmetricEigenvalues(a, 3)).toThrow(/entry \(1, 2\) is NaN/);
  });
});

describe('symmetricEigen', () => {
  it('returns orthonormal eigenvectors', () => {
    const values = Array.from({ length: 80 }, (_, i) => Math.sin(i) * 10);
    values[3] = values[4] = 2; // a repeated eigenvalue
    const a = withSpectrum(values);
    const result = symmetricEigen(a, 80);
    expectSpectrum(result.values, values, 1e-12);
    const { residual, orthogonality } = residuals(a, 80, result.values, result.vectors);
    expect(residual).toBeLessThan(1e-12);
    expect(orthogonality).toBeLessThan(1e-13);
  });

  it('agrees with the values-only path', () => {
    const n = 64;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = Math.cos(i * 3.1 + j * 1.7) / (1 + Math.abs(i - j));
    }
    const only = symmetricEigenvalues(a, n);
    const both = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) expect(Math.abs(only[i] - both.values[i])).toBeLessThan(1e-13);
    const { residual, orthogonality } = residuals(a, n, both.values, both.vectors);
    expect(residual).toBeLessThan(1e-13);
    expect(orthogonality).toBeLessThan(1e-13);
  });

  it('solves a 2 x 2 matrix with vectors', () => {
    const { values, vectors } = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expectSpectrum(values, [1, 3], 1e-15);
    // The eigenvector of 1 is ±(1, -1)/√2.
    expect(Math.abs(vectors[0])).toBeCloseTo(Math.SQRT1_2, 15);
    expect(vectors[0] * vectors[1]).toBeCloseTo(-0.5, 15);
  });
});
