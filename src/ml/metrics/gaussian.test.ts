import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { LabError } from '../../core/errors';
import type { FeatureSet } from './feature-set';
import { GaussianAccumulator, gaussianStatistics } from './gaussian';
import { recipeFeatures } from './testing/recipe-features';

function rows(set: FeatureSet, start: number, end: number): FeatureSet {
  const d = set.dimension;
  return { count: end - start, dimension: d, values: set.values.subarray(start * d, end * d) };
}

function maxRelativeError(actual: Float64Array, expected: number[]): number {
  let worst = 0;
  let scale = 0;
  expected.forEach((value, i) => {
    worst = Math.max(worst, Math.abs(actual[i] - value));
    scale = Math.max(scale, Math.abs(value));
  });
  return worst / scale;
}

describe('GaussianAccumulator', () => {
  const { recipe, mean, covariance } = reference.covariance;
  const set = recipeFeatures(recipe);

  // Features offset by up to 2²⁰ with unit spread: raw sums of squares would lose about 8 digits here.
  const splits: Record<string, number[]> = {
    'one batch': [600],
    'one row then the rest': [1, 600],
    'buffer-sized batches': [256, 512, 600],
    'batches of 37': Array.from({ length: 17 }, (_, i) => Math.min(600, 37 * (i + 1))),
    'single rows': Array.from({ length: 600 }, (_, i) => i + 1),
  };
  for (const [name, ends] of Object.entries(splits)) {
    it(`matches np.cov, ${name}`, () => {
      const accumulator = new GaussianAccumulator(set.dimension);
      let start = 0;
      for (const end of ends) {
        accumulator.add(rows(set, start, end));
        start = end;
      }
      const statistics = accumulator.finish();
      expect(statistics.count).toBe(600);
      expect(maxRelativeError(statistics.mean, mean)).toBeLessThan(1e-14);
      expect(maxRelativeError(statistics.covariance, covariance)).toBeLessThan(1e-12);
    });
  }

  it('keeps accumulating after finish', () => {
    const accumulator = new GaussianAccumulator(set.dimension);
    accumulator.add(rows(set, 0, 300));
    accumulator.finish();
    accumulator.add(rows(set, 300, 600));
    expect(maxRelativeError(accumulator.finish().covariance, covariance)).toBeLessThan(1e-12);
  });

  it('gives a symmetric covariance', () => {
    const { covariance: c, dimension: d } = gaussianStatistics(recipeFeatures({ seed: 9, count: 50, dimension: 31, latents: 2, shift: 0 }));
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < i; j++) expect(c[i * d + j]).toBe(c[j * d + i]);
    }
  });

  it('computes two points by hand', () => {
    // Rows (1, 2) and (3, 6): mean (2, 4), covariance [[2, 4], [4, 8]].
    const statistics = gaussianStatistics({ count: 2, dimension: 2, values: Float32Array.of(1, 2, 3, 6) });
    expect(Array.from(statistics.mean)).toEqual([2, 4]);
    expect(Array.from(statistics.covariance)).toEqual([2, 4, 4, 8]);
  });

  it('ignores empty batches', () => {
    const accumulator = new GaussianAccumulator(2);
    accumulator.add({ count: 0, dimension: 2, values: new Float32Array(0) });
    accumulator.add({ count: 2, dimension: 2, values: Float32Array.of(1, 2, 3, 6) });
    expect(Array.from(accumulator.finish().covariance)).toEqual([2, 4, 4, 8]);
  });

  it('rejects a dimension mismatch', () => {
    const accumulator = new GaussianAccumulator(3);
    expect(() => accumulator.add({ count: 1, dimension: 2, values: Float32Array.of(1, 2) })).toThrow(/2 features per row but the statistics have 3/);
  });

  it('rejects a wrong value count', () => {
    const accumulator = new GaussianAccumulator(2);
    expect(() => accumulator.add({ count: 2, dimension: 2, values: Float32Array.of(1, 2, 3) })).toThrow(/need 4 values but 3/);
  });

  it('rejects NaN features', () => {
    const accumulator = new GaussianAccumulator(2);
    const error = (() => {
      try {
        accumulator.add({ count: 2, dimension: 2, values: Float32Array.of(1, 2, Number.NaN, 4) });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).message).toMatch(/row 1, feature 0 is NaN/);
    expect(accumulator.count).toBe(0);
  });

  it('rejects fewer than two samples', () => {
    const accumulator = new GaussianAccumulator(2);
    accumulator.add({ count: 1, dimension: 2, values: Float32Array.of(1, 2) });
    expect(() => accumulator.finish()).toThrow(/at least 2 feature vectors but 1/);
  });
});
