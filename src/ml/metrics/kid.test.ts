import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { kernelInceptionDistance } from './kid';
import { drawKidSubsets } from './kid-subsets';
import { recipeFeatures } from './testing/recipe-features';

describe('drawKidSubsets', () => {
  for (const item of reference.kid) {
    it(`reproduces the indices of seed ${item.seed}`, () => {
      const draw = drawKidSubsets(item.real.count, item.generated.count, item.subsets, item.size, item.seed);
      expect(draw.real.map((subset) => Array.from(subset))).toEqual(item.realIndices);
      expect(draw.generated.map((subset) => Array.from(subset))).toEqual(item.generatedIndices);
    });
  }

  it('draws distinct indices', () => {
    const draw = drawKidSubsets(30, 30, 20, 30, 5);
    for (const subset of [...draw.real, ...draw.generated]) expect(new Set(subset).size).toBe(30);
  });
});

describe('kernelInceptionDistance', () => {
  for (const item of reference.kid) {
    const real = recipeFeatures(item.real);
    const generated = recipeFeatures(item.generated);
    for (const method of ['shared-gram', 'per-subset'] as const) {
      it(`matches numpy for seed ${item.seed}, ${method}`, () => {
        const result = kernelInceptionDistance(real, generated, { subsets: item.subsets, subsetSize: item.subsetSize, seed: item.seed, method });
        expect(result.subsets).toBe(item.subsets);
        expect(result.subsetSize).toBe(item.size);
        expect(Math.abs(result.mean - item.mean)).toBeLessThan(1e-12 * Math.abs(item.mean) + 1e-14);
        expect(Math.abs(result.std - item.std)).toBeLessThan(1e-10 * item.std);
      });
    }
  }

  it('is near 0 for two halves of one set', () => {
    // One recipe, one distribution: rows 0-399 against rows 400-799, then the second half moved by 0.5.
    const all = recipeFeatures({ seed: 3, count: 800, dimension: 16, latents: 2, shift: 0 });
    const half = (start: number, offset: number) => ({
      count: 400,
      dimension: 16,
      values: all.values.slice(start * 16, (start + 400) * 16).map((value) => value + offset),
    });
    const same = kernelInceptionDistance(half(0, 0), half(400, 0), { subsets: 20, subsetSize: 200 });
    const different = kernelInceptionDistance(half(0, 0), half(400, 0.5), { subsets: 20, subsetSize: 200 });
    expect(Math.abs(same.mean)).toBeLessThan(3 * same.std);
    expect(different.mean).toBeGreaterThan(10 * Math.abs(same.mean));
    expect(different.mean).toBeGreaterThan(5 * different.std);
  });

  it('depends on the seed only through the subsets', () => {
    const real = recipeFeatures({ seed: 5, count: 60, dimension: 8, latents: 2, shift: 0 });
    const generated = recipeFeatures({ seed: 6, count: 60, dimension: 8, latents: 2, shift: 0.25 });
    const first = kernelInceptionDistance(real, generated, { subsets: 4, subsetSize: 20, seed: 1 });
    const again = kernelInceptionDistance(real, generated, { subsets: 4, subsetSize: 20, seed: 1 });
    const other = kernelInceptionDistance(real, generated, { subsets: 4, subsetSize: 20, seed: 2 });
    expect(again).toEqual(first);
    expect(other.mean).not.toBe(first.mean);
  });

  it('rejects one sample', () => {
    const one = { count: 1, dimension: 2, values: Float32Array.of(1, 2) };
    const two = { count: 2, dimension: 2, values: Float32Array.of(1, 2, 3, 4) };
    expect(() => kernelInceptionDistance(one, two)).toThrow(/at least 2 real samples, but there are 1/);
  });

  it('rejects different dimensions', () => {
    const a = { count: 2, dimension: 2, values: Float32Array.of(1, 2, 3, 4) };
    const b = { count: 2, dimension: 1, values: Float32Array.of(1, 2) };
    expect(() => kernelInceptionDistance(a, b)).toThrow(/real features have 2 features per row but generated features have 1/);
  });

  it('rejects a subset size of 1', () => {
    const a = { count: 2, dimension: 1, values: Float32Array.of(1, 2) };
    expect(() => kernelInceptionDistance(a, a, { subsetSize: 1 })).toThrow(/subset size 1 must be an integer of at least 2/);
  });
});
