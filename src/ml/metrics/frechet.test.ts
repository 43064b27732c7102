import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { LabError } from '../../core/errors';
import { frechetDistance } from './frechet';
import { gaussianStatistics, type GaussianStatistics } from './gaussian';
import { recipeFeatures, type FeatureRecipe } from './testing/recipe-features';

type Sets = Record<string, FeatureRecipe>;

function statisticsOf(sets: Sets): Map<string, GaussianStatistics> {
  return new Map(Object.entries(sets).map(([name, recipe]) => [name, gaussianStatistics(recipeFeatures(recipe))]));
}

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe('frechetDistance', () => {
  describe('40 features', () => {
    const { sets, cases } = reference.frechetSmall;
    const statistics = statisticsOf(sets);
    for (const item of cases.filter((c) => c.first !== c.second)) {
      it(`matches SciPy for ${item.first} and ${item.second}`, () => {
        const { value } = frechetDistance(statistics.get(item.first)!, statistics.get(item.second)!);
        expect(relativeError(value, item.scipy)).toBeLessThan(1e-6);
        // SciPy's sqrtm loses about 7 digits on singular covariances; the 50-digit value shows the true error.
        expect(relativeError(value, item.mpmath)).toBeLessThan(1e-12);
        expect(relativeError(value, item.nuclear)).toBeLessThan(1e-12);
      });
    }

    it('gives 0 for identical singular statistics', () => {
      // SciPy's sqrtm route gives about -6e-7 here (see the fixture), the 50-digit value about 1e-49.
      const few = statistics.get('few')!;
      expect(frechetDistance(few, few).value).toBeLessThan(1e-9);
    });

    it('gives 0 for identical statistics', () => {
      const full = statistics.get('full')!;
      expect(frechetDistance(full, full).value).toBeLessThan(1e-9);
    });

    it('agrees whichever covariance is factored', () => {
      // With counts the set of 260 samples is factored; without, the first one is.
      const { count: _first, ...full } = statistics.get('full')!;
      const { count: _second, ...shifted } = statistics.get('shifted')!;
      const withCounts = frechetDistance(statistics.get('full')!, statistics.get('shifted')!).value;
      const withoutCounts = frechetDistance(full, shifted).value;
      expect(relativeError(withoutCounts, withCounts)).toBeLessThan(1e-13);
    });
  });

  describe('2048 features', () => {
    const { sets, cases } = reference.frechetLarge;
    const statistics = statisticsOf(sets);
    for (const item of cases) {
      it(`matches SciPy for ${item.first} and ${item.second}`, () => {
        const { value } = frechetDistance(statistics.get(item.first)!, statistics.get(item.second)!);
        expect(relativeError(value, item.scipy)).toBeLessThan(1e-6);
        expect(relativeError(value, item.nuclear)).toBeLessThan(1e-10);
      });
    }

    it('gives 0 for identical singular statistics', () => {
      const singular = statistics.get('C')!;
      expect(frechetDistance(singular, singular).value).toBeLessThan(1e-6);
    });
  });

  describe('warnings', () => {
    const few = gaussianStatistics(recipeFeatures({ seed: 1, count: 10, dimension: 12, latents: 2, shift: 0 }));
    const many = gaussianStatistics(recipeFeatures({ seed: 2, count: 13, dimension: 12, latents: 2, shift: 0 }));

    it('warns about a singular covariance', () => {
      const { warnings } = frechetDistance(few, many, { labels: ['real', 'generated'] });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/real come from 10 samples, fewer than the 13/);
      expect(warnings[0]).toMatch(/12 features/);
      expect(warnings[0]).toMatch(/KID/);
    });

    it('is silent with dimension + 1 samples', () => {
      expect(frechetDistance(many, many).warnings).toEqual([]);
    });

    it('is silent without sample counts', () => {
      const { count: _ignored, ...withoutCount } = few;
      expect(frechetDistance(withoutCount, withoutCount).warnings).toEqual([]);
    });
  });

  describe('validation', () => {
    const two: GaussianStatistics = { dimension: 2, count: 5, mean: Float64Array.of(0, 0), covariance: Float64Array.of(1, 0, 0, 1) };

    it('computes a diagonal case by hand', () => {
      // μ differ by (3, 4): 25. S₁ = I, S₂ = 4I: tr = 2 + 8, tr sqrtm(4I) = 4, so d² = 25 + 10 - 8 = 27.
      const other: GaussianStatistics = { dimension: 2, mean: Float64Array.of(3, 4), covariance: Float64Array.of(4, 0, 0, 4) };
      expect(frechetDistance(two, other).value).toBeCloseTo(27, 12);
    });

    it('computes one dimension by hand', () => {
      // (0 - 1)² + 4 + 9 - 2 √(4 · 9) = 2.
      const a: GaussianStatistics = { dimension: 1, mean: Float64Array.of(0), covariance: Float64Array.of(4) };
      const b: GaussianStatistics = { dimension: 1, mean: Float64Array.of(1), covariance: Float64Array.of(9) };
      expect(frechetDistance(a, b).value).toBeCloseTo(2, 14);
    });

    it('rejects different dimensions', () => {
      const three: GaussianStatistics = { dimension: 3, mean: new Float64Array(3), covariance: new Float64Array(9) };
      expect(() => frechetDistance(two, three)).toThrow(LabError);
      expect(() => frechetDistance(two, three)).toThrow(/first statistics have 2 features but second statistics have 3/);
    });

    it('rejects a short covariance', () => {
      const broken = { ...two, covariance: new Float64Array(3) };
      expect(() => frechetDistance(two, broken)).toThrow(/covariance of 4, but they have 2 and 3/);
    });

    it('rejects infinite entries', () => {
      const broken = { ...two, mean: Float64Array.of(0, Infinity) };
      expect(() => frechetDistance(broken, two, { labels: ['real', 'generated'] })).toThrow(/real: mean entry 1 is Infinity/);
    });
  });
});
