import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { measureMemorization, percentile } from './memorization';
import { recipeFeatures } from './testing/recipe-features';

function line(values: number[]): { count: number; dimension: number; values: Float32Array } {
  return { count: values.length, dimension: 1, values: Float32Array.from(values) };
}

describe('measureMemorization', () => {
  // Training samples are 0, 10 and 20. Test samples 3 and 14 lie 3 and 4 from
  // training. Generated 0.5, 10, 25 and 17 lie 0.5, 0, 5 and 3 from training
  // samples 0, 1, 2 and 2.
  const report = measureMemorization(line([0.5, 10, 25, 17]), line([0, 10, 20]), line([3, 14]));

  it('finds the nearest training samples', () => {
    expect(Array.from(report.nearestTrainingIndex)).toEqual([0, 1, 2, 2]);
    expect(Array.from(report.generatedDistances)).toEqual([0.5, 0, 5, 3]);
    expect(Array.from(report.testDistances)).toEqual([3, 4]);
  });

  it('compares with the test distances', () => {
    expect(report.minimumTestDistance).toBe(3);
    // 5th percentile of (3, 4): 3 + 0.05 · (4 - 3).
    expect(report.testPercentile5).toBeCloseTo(3.05, 14);
    // Below 3: 0.5 and 0. Below 3.05: those and 3.
    expect(report.shareCloserThanAnyTest).toBe(0.5);
    expect(report.shareBelowTestPercentile5).toBe(0.75);
  });

  it('reports the medians', () => {
    expect(report.medianGeneratedDistance).toBe(1.75);
    expect(report.medianTestDistance).toBe(3.5);
  });

  it('sorts the closest pairs', () => {
    expect(report.closestPairs).toEqual([
      { generatedIndex: 1, trainingIndex: 1, distance: 0 },
      { generatedIndex: 0, trainingIndex: 0, distance: 0.5 },
      { generatedIndex: 3, trainingIndex: 2, distance: 3 },
      { generatedIndex: 2, trainingIndex: 2, distance: 5 },
    ]);
  });

  it('limits the closest pairs', () => {
    const limited = measureMemorization(line([0.5, 10, 25, 17]), line([0, 10, 20]), line([3, 14]), { pairs: 2 });
    expect(limited.closestPairs.map((pair) => pair.generatedIndex)).toEqual([1, 0]);
  });

  it('gives exact zeros for copies in pixel space', () => {
    // 64-pixel "images": generated rows 0 and 2 copy training rows 3 and 1.
    const training = recipeFeatures({ seed: 1, count: 6, dimension: 64, latents: 2, shift: 300 });
    const generated = recipeFeatures({ seed: 2, count: 3, dimension: 64, latents: 2, shift: 300 });
    generated.values.set(training.values.subarray(3 * 64, 4 * 64), 0);
    generated.values.set(training.values.subarray(64, 128), 128);
    const copies = measureMemorization(generated, training, recipeFeatures({ seed: 3, count: 4, dimension: 64, latents: 2, shift: 300 }));
    expect(copies.generatedDistances[0]).toBe(0);
    expect(copies.generatedDistances[2]).toBe(0);
    expect(copies.nearestTrainingIndex[0]).toBe(3);
    expect(copies.nearestTrainingIndex[2]).toBe(1);
    expect(copies.shareCloserThanAnyTest).toBeCloseTo(2 / 3, 15);
  });

  it('matches numpy on feature vectors', () => {
    const item = reference.memorization;
    const generated = recipeFeatures(item.generated);
    const training = recipeFeatures(item.training);
    const { generatedStart, trainingStart, rows } = item.copies;
    const d = training.dimension;
    generated.values.set(training.values.subarray(trainingStart * d, (trainingStart + rows) * d), generatedStart * d);

    const result = measureMemorization(generated, training, recipeFeatures(item.test));
    expect(Array.from(result.nearestTrainingIndex)).toEqual(item.nearestTrainingIndex);
    result.generatedDistances.forEach((value, i) => expect(value).toBeCloseTo(item.generatedDistances[i], 12));
    result.testDistances.forEach((value, i) => expect(value).toBeCloseTo(item.testDistances[i], 12));
    expect(result.minimumTestDistance).toBeCloseTo(item.minimumTestDistance, 12);
    expect(result.testPercentile5).toBeCloseTo(item.testPercentile5, 12);
    expect(result.shareCloserThanAnyTest).toBe(item.shareCloserThanAnyTest);
    expect(result.shareBelowTestPercentile5).toBe(item.shareBelowTestPercentile5);
    expect(result.medianGeneratedDistance).toBeCloseTo(item.medianGeneratedDistance, 12);
    expect(result.medianTestDistance).toBeCloseTo(item.medianTestDistance, 12);
  });

  it('rejects an empty test set', () => {
    expect(() => measureMemorization(line([1]), line([0]), line([]))).toThrow(/at least one of the test samples/);
  });

  it('rejects a dimension mismatch', () => {
    const flat = { count: 1, dimension: 2, values: Float32Array.of(0, 0) };
    expect(() => measureMemorization(line([1]), line([0]), flat)).toThrow(/test samples have 2 features per row but training samples have 1/);
  });
});

describe('percentile', () => {
  it('interpolates like numpy', () => {
    // np.percentile([4, 1, 3, 2], [0, 5, 50, 100]) = [1, 1.15, 2.5, 4].
    const values = Float64Array.of(4, 1, 3, 2);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 5)).toBeCloseTo(1.15, 14);
    expect(percentile(values, 50)).toBe(2.5);
    expect(percentile(values, 100)).toBe(4);
  });
});
