import { describe, expect, it } from 'vitest';
import reference from '../../scripts/reference/resize-reference.json';
import { percentiles } from './percentile';

/** Builds the arrays of `percentile_inputs` in scripts/reference/resize_reference.py. */
function percentileInput(name: string, n: number): Float32Array | Int16Array | Uint8Array {
  const make = <T extends Float32Array | Int16Array | Uint8Array>(array: T, value: (i: number) => number): T => {
    for (let i = 0; i < n; i++) array[i] = value(i);
    return array;
  };
  switch (name) {
    case 'float32':
      return make(new Float32Array(n), (i) => (((i * 7919) % 10007) / 10007) * 1000 - 300);
    case 'int16':
      return make(new Int16Array(n), (i) => ((i * 389) % 4001) - 2000);
    case 'uint8':
      return make(new Uint8Array(n), (i) => (i * 13) % 256);
    case 'zeros-heavy':
      return make(new Float32Array(n), (i) => (i % 5 === 0 ? (i * 31) % 1000 : 0));
    default:
      throw new Error(`unknown input ${name}`);
  }
}

describe('percentiles', () => {
  it('interpolates like numpy by hand', () => {
    // n = 4: rank h = 3 p / 100; p25 -> h 0.75 -> 1 + 0.75 (2 - 1).
    expect(percentiles(Float32Array.from([4, 1, 3, 2]), [0, 25, 50, 100])).toEqual([1, 1.75, 2.5, 4]);
    expect(percentiles(Uint8Array.from([4, 1, 3, 2]), [25, 50])).toEqual([1.75, 2.5]);
  });

  for (const item of reference.percentiles) {
    it(`matches numpy on ${item.name}`, () => {
      const values = percentileInput(item.name, 10000);
      const result = percentiles(values, item.percentiles);
      for (let i = 0; i < result.length; i++) {
        expect(result[i]).toBeCloseTo(item.expected[i], 6);
      }
    });

    it(`matches numpy on ${item.name} as float64`, () => {
      const result = percentiles(Float64Array.from(percentileInput(item.name, 10000)), item.percentiles);
      for (let i = 0; i < result.length; i++) {
        expect(result[i]).toBeCloseTo(item.expected[i], 6);
      }
    });
  }

  it('reads int32 data', () => {
    expect(percentiles(Int32Array.from([40, -7, 100000, 3]), [50, 100])).toEqual([21.5, 100000]);
  });

  it('skips NaN and infinities', () => {
    expect(percentiles(Float64Array.from([NaN, 10, NaN, 20, Infinity, -Infinity]), [50])).toEqual([15]);
  });

  it('finds ranks in a crowded bin', () => {
    // 5000 values within 1e-9 of each other beside one far outlier force
    // refinement beyond the first histogram; sorted by hand: 1 + i * 1e-13.
    const values = new Float64Array(5001);
    for (let i = 0; i < 5000; i++) values[i] = 1 + ((i * 7919) % 5000) * 1e-13;
    values[5000] = 1e6;
    // Rank h = 5000 * 0.5 = 2500 -> 1 + 2500e-13.
    expect(percentiles(values, [50])[0]).toBe(1 + 2500 * 1e-13);
    expect(percentiles(values, [0, 100])).toEqual([1, 1e6]);
  });

  it('matches a sort on random data', () => {
    const values = new Float32Array(30001);
    let state = 12345;
    for (let i = 0; i < values.length; i++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      values[i] = i % 4 === 0 ? 0 : (state / 2 ** 32) ** 3 * 500 - 20;
    }
    const sorted = Float64Array.from(values).sort();
    for (const p of [0.5, 1, 33, 99.5]) {
      const h = ((values.length - 1) * p) / 100;
      const low = Math.floor(h);
      const expected = sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
      expect(percentiles(values, [p])[0]).toBeCloseTo(expected, 9);
    }
  });

  it('reads one channel of interleaved data', () => {
    const rgb = Uint8Array.from([1, 100, 7, 2, 100, 7, 3, 100, 7]);
    expect(percentiles(rgb, [50], { offset: 0, stride: 3 })).toEqual([2]);
    expect(percentiles(Float32Array.from(rgb), [0, 100], { offset: 2, stride: 3 })).toEqual([7, 7]);
  });

  it('rejects all-NaN data', () => {
    expect(() => percentiles(Float32Array.from([NaN, NaN]), [50])).toThrow(/without finite values/);
  });

  it('rejects percentiles outside 0..100', () => {
    expect(() => percentiles(Float32Array.from([1]), [101])).toThrow(/percentile 101 is outside/);
  });

  it('is fast on 10M voxels', () => {
    const n = 10_000_000;
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) values[i] = i % 3 === 0 ? 0 : ((i * 2654435761) % 4096) / 7;
    const started = performance.now();
    const [lo, hi] = percentiles(values, [0.5, 99.5]);
    const elapsed = performance.now() - started;

    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(580);
    expect(elapsed).toBeLessThan(3000);
  });
});
