import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { precisionRecall } from './precision-recall';
import { recipeFeatures } from './testing/recipe-features';

function points(values: number[][]): { count: number; dimension: number; values: Float32Array } {
  return { count: values.length, dimension: values[0].length, values: Float32Array.from(values.flat()) };
}

describe('precisionRecall', () => {
  const { real, generated, cases } = reference.precisionRecall;
  const realSet = recipeFeatures(real);
  const generatedSet = recipeFeatures(generated);
  for (const item of cases) {
    it(`matches numpy with k = ${item.k}`, () => {
      const result = precisionRecall(realSet, generatedSet, { k: item.k });
      expect(result.k).toBe(item.k);
      expect(result.precision).toBe(item.precision);
      expect(result.recall).toBe(item.recall);
    });
  }

  it('gives 1 and 1 for identical sets', () => {
    const result = precisionRecall(realSet, realSet);
    expect(result.precision).toBe(1);
    expect(result.recall).toBe(1);
  });

  it('computes a line by hand', () => {
    // Real 0, 1, 2, 3 on a line, k = 1: every real radius is 1, so the real
    // balls cover [-1, 4]. Generated 3.5, 10, 11: precision 1/3. Generated
    // radii are 6.5, 1 and 1, so the ball of 3.5 covers all real points.
    const result = precisionRecall(points([[0], [1], [2], [3]]), points([[3.5], [10], [11]]), { k: 1 });
    expect(result.precision).toBeCloseTo(1 / 3, 15);
    expect(result.recall).toBe(1);
  });

  it('counts a point on the ball boundary as inside', () => {
    // Real radius with k = 1 is 2; the generated point is exactly 2 away from real 0.
    const result = precisionRecall(points([[0, 0], [2, 0]]), points([[0, 2], [50, 0]]), { k: 1 });
    expect(result.precision).toBe(0.5);
  });

  it('rejects k not below the sample count', () => {
    const three = points([[0], [1], [2]]);
    expect(() => precisionRecall(three, three, { k: 3 })).toThrow(/more than 3 real samples, but there are 3/);
  });

  it('rejects k = 0', () => {
    const three = points([[0], [1], [2]]);
    expect(() => precisionRecall(three, three, { k: 0 })).toThrow(/k = 0 must be a positive integer/);
  });
});
