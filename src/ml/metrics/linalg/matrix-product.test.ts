import { describe, expect, it } from 'vitest';
import { addProductTransposed, block, mirrorUpper } from './matrix-product';

/** Deterministic values in [-1, 1) from an integer formula. */
function filled(length: number, salt: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => (((i * 7919 + salt * 104729) % 2003) / 1001.5) - 1);
}

function naiveProduct(a: Float64Array, b: Float64Array, rows: number, columns: number, depth: number): Float64Array {
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns; j++) {
      let sum = 0;
      for (let t = 0; t < depth; t++) sum += a[i * depth + t] * b[j * depth + t];
      out[i * columns + j] = sum;
    }
  }
  return out;
}

describe('addProductTransposed', () => {
  for (const [rows, columns, depth] of [[1, 1, 1], [3, 3, 4], [7, 11, 5], [100, 98, 13], [4, 200, 2]]) {
    it(`matches a triple loop ${rows}x${columns}x${depth}`, () => {
      const a = filled(rows * depth, 1);
      const b = filled(columns * depth, 2);
      const c = new Float64Array(rows * columns);
      addProductTransposed(block(a, depth), block(b, depth), block(c, columns), rows, columns, depth);
      const expected = naiveProduct(a, b, rows, columns, depth);
      for (let i = 0; i < c.length; i++) expect(c[i]).toBeCloseTo(expected[i], 12);
    });
  }

  it('adds alpha times the product', () => {
    const a = filled(5 * 4, 3);
    const b = filled(6 * 4, 4);
    const c = new Float64Array(5 * 6).fill(1);
    addProductTransposed(block(a, 4), block(b, 4), block(c, 6), 5, 6, 4, -2);
    const product = naiveProduct(a, b, 5, 6, 4);
    for (let i = 0; i < c.length; i++) expect(c[i]).toBeCloseTo(1 - 2 * product[i], 12);
  });

  it('reads and writes inner blocks', () => {
    // A is rows 2..5, columns 1..3 of an 8 x 6 matrix; C is an inner block of a 10 x 10 matrix.
    const big = filled(8 * 6, 5);
    const a = Float64Array.from({ length: 4 * 3 }, (_, k) => big[(2 + Math.floor(k / 3)) * 6 + 1 + (k % 3)]);
    const c = new Float64Array(100);
    addProductTransposed(block(big, 6, 2, 1), block(big, 6, 2, 1), block(c, 10, 3, 4), 4, 4, 3);
    const expected = naiveProduct(a, a, 4, 4, 3);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) expect(c[(3 + i) * 10 + 4 + j]).toBeCloseTo(expected[i * 4 + j], 12);
    }
    expect(c[0]).toBe(0);
    expect(c[99]).toBe(0);
  });

  it('fills the upper triangle of A Aᵀ', () => {
    const n = 205;
    const a = filled(n * 9, 6);
    const c = new Float64Array(n * n);
    addProductTransposed(block(a, 9), block(a, 9), block(c, n), n, n, 9, 1, true);
    mirrorUpper(c, n);
    const expected = naiveProduct(a, a, n, n, 9);
    for (let i = 0; i < c.length; i++) expect(c[i]).toBeCloseTo(expected[i], 12);
  });
});
