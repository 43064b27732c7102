import { describe, expect, it } from 'vitest';
import { LabError } from '../../core/errors';
import { createFeatureSet, featureMean, requireSameDimension, rowsAsFloat64 } from './feature-set';

describe('createFeatureSet', () => {
  it('wraps valid values', () => {
    const set = createFeatureSet(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
    expect(set.count).toBe(3);
    expect(set.dimension).toBe(2);
  });

  it('rejects a wrong value count', () => {
    expect(() => createFeatureSet(new Float32Array(5), 3, 2, 'real features')).toThrow(/real features: 3 rows of 2 features need 6 values but 5/);
  });

  it('rejects a zero dimension', () => {
    expect(() => createFeatureSet(new Float32Array(0), 0, 0)).toThrow(LabError);
  });

  it('names the row of an infinite value', () => {
    expect(() => createFeatureSet(Float32Array.of(1, 2, 3, -Infinity), 2, 2)).toThrow(/features: row 1, feature 1 is -Infinity/);
  });
});

describe('rowsAsFloat64', () => {
  it('copies and shifts a row range', () => {
    const set = createFeatureSet(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2);
    expect(Array.from(rowsAsFloat64(set, 1, 3))).toEqual([3, 4, 5, 6]);
    expect(Array.from(rowsAsFloat64(set, 0, 2, Float64Array.of(1, 10)))).toEqual([0, -8, 2, -6]);
  });
});

describe('featureMean', () => {
  it('averages every feature', () => {
    expect(Array.from(featureMean(createFeatureSet(Float32Array.of(1, 2, 3, 6), 2, 2)))).toEqual([2, 4]);
  });
});

describe('requireSameDimension', () => {
  it('names both sets', () => {
    const a = createFeatureSet(new Float32Array(2), 1, 2);
    const b = createFeatureSet(new Float32Array(3), 1, 3);
    expect(() => requireSameDimension(a, 'real features', b, 'generated features')).toThrow(/real features have 2 features per row but generated features have 3/);
  });
});
