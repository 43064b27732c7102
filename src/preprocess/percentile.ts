/**
 * Exact percentiles of voxel values, defined as numpy's default
 * (`method='linear'`, Hyndman and Fan type 7): for the n values sorted
 * ascending as a[0..n-1], the p-th percentile is at rank h = (n - 1) p / 100
 * and equals a[floor(h)] + (h - floor(h)) (a[floor(h) + 1] - a[floor(h)]).
 * NaN and infinite values are ignored (numpy's `nanpercentile` ignores NaN).
 *
 * 8- and 16-bit integer data go through one counting histogram, float32
 * through a radix select on the bit patterns, and other types through
 * histogram refinement. All are O(n) and exact.
 */

import { LabError } from '../core/errors';
import type { VoxelArray } from '../io/volume';

/** Selection of every `stride`-th value from `offset` in an interleaved array. */
export interface Strided {
  offset: number;
  stride: number;
}

const WHOLE: Strided = { offset: 0, stride: 1 };

export function percentiles(data: VoxelArray, ps: readonly number[], layout: Strided = WHOLE): number[] {
  for (const p of ps) {
    if (!(p >= 0 && p <= 100)) {
      throw new LabError('invalid-argument', `percentile ${p} is outside [0, 100]`);
    }
  }
  if (isSmallInteger(data)) return histogramPercentiles(data, ps, layout);
  if (data instanceof Float32Array) return float32Percentiles(data, ps, layout);
  return refinedPercentiles(data, ps, layout);
}

function isSmallInteger(data: VoxelArray): data is Uint8Array | Int8Array | Uint16Array | Int16Array {
  return (
    data instanceof Uint8Array ||
    data instanceof Int8Array ||
    data instanceof Uint16Array ||
    data instanceof Int16Array
  );
}

/** Fractional rank h = (n - 1) p / 100 split into floor and fraction. */
function rankOf(n: number, p: number): { low: number; fraction: number } {
  const h = ((n - 1) * p) / 100;
  const low = Math.floor(h);
  return { low, fraction: h - low };
}

function interpolate(lowValue: number, highValue: number, fraction: number): number {
  return fraction === 0 ? lowValue : lowValue + fraction * (highValue - lowValue);
}

function noValues(): LabError {
  return new LabError('invalid-argument', 'cannot take percentiles of an image without finite values', {
    hint: 'Check that the file contains intensities and not only NaN.',
  });
}

function histogramPercentiles(
  data: Uint8Array | Int8Array | Uint16Array | Int16Array,
  ps: readonly number[],
  { offset, stride }: Strided,
): number[] {
  // Counts are indexed by value minus the type minimum.
  let minimum = 0;
  if (data instanceof Int8Array) minimum = -128;
  if (data instanceof Int16Array) minimum = -32768;
  const bins = data instanceof Uint8Array || data instanceof Int8Array ? 256 : 65536;
  const counts = new Float64Array(bins);
  let n = 0;
  for (let i = offset; i < data.length; i += stride) {
    counts[data[i] - minimum]++;
    n++;
  }
  if (n === 0) throw noValues();

  const valueAtRank = (rank: number): number => {
    let seen = 0;
    for (let bin = 0; bin < bins; bin++) {
      seen += counts[bin];
      if (seen > rank) return bin + minimum;
    }
    return bins - 1 + minimum;
  };
  return ps.map((p) => {
    const { low, fraction } = rankOf(n, p);
    const lowValue = valueAtRank(low);
    return fraction === 0 ? lowValue : interpolate(lowValue, valueAtRank(low + 1), fraction);
  });
}

/**
 * Float32 percentiles by radix select. The bit pattern b of a float maps to
 * a key whose unsigned order is the numeric order: negative floats flip all
 * bits (~b), others set the sign bit (b | 0x80000000). One pass counts keys
 * by their high 16 bits. For each bin that contains a wanted rank, one more
 * pass counts the low 16 bits of that bin's keys, which gives the exact value.
 */
function float32Percentiles(data: Float32Array, ps: readonly number[], { offset, stride }: Strided): number[] {
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  const high = new Float64Array(65536);
  let n = 0;
  for (let i = offset; i < bits.length; i += stride) {
    const b = bits[i];
    if ((b & 0x7f800000) === 0x7f800000) continue; // NaN or infinity
    high[(b & 0x80000000 ? ~b : b | 0x80000000) >>> 16]++;
    n++;
  }
  if (n === 0) throw noValues();

  const lowCounts = new Map<number, Float64Array>();
  const valueAtRank = (rank: number): number => {
    const { bin, local } = locate(high, rank);
    let low = lowCounts.get(bin);
    if (low === undefined) {
      low = new Float64Array(65536);
      for (let i = offset; i < bits.length; i += stride) {
        const b = bits[i];
        if ((b & 0x7f800000) === 0x7f800000) continue;
        const key = (b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
        if (key >>> 16 === bin) low[key & 0xffff]++;
      }
      lowCounts.set(bin, low);
    }
    const key = ((bin << 16) | locate(low, local).bin) >>> 0;
    return floatOfKey(key);
  };
  return ps.map((p) => {
    const { low, fraction } = rankOf(n, p);
    const lowValue = valueAtRank(low);
    return fraction === 0 ? lowValue : interpolate(lowValue, valueAtRank(low + 1), fraction);
  });
}

/** Bin of the value of rank `rank` in a histogram, and its rank within the bin. */
function locate(counts: Float64Array, rank: number): { bin: number; local: number } {
  let bin = 0;
  let before = 0;
  while (before + counts[bin] <= rank) before += counts[bin++];
  return { bin, local: rank - before };
}

const keyScratch = new Uint32Array(1);
const floatScratch = new Float32Array(keyScratch.buffer);

function floatOfKey(key: number): number {
  keyScratch[0] = key & 0x80000000 ? key & 0x7fffffff : ~key;
  return floatScratch[0];
}

/** Bins of one histogram pass over float data. */
const REFINE_BINS = 65536;
/** Values that are sorted directly instead of binned again. */
const SORT_LIMIT = 4096;

/**
 * Exact percentiles of float64 or 32-bit integer data by histogram
 * refinement. One pass finds the range and one counts the values into bins
 * of equal width. The values of each bin that contains a wanted rank are
 * then gathered and either sorted (when few) or refined the same way.
 */
function refinedPercentiles(data: VoxelArray, ps: readonly number[], layout: Strided): number[] {
  const range = finiteRange(data, layout);
  if (range.count === 0) throw noValues();
  const ranks = ps.flatMap((p) => {
    const { low, fraction } = rankOf(range.count, p);
    return fraction === 0 ? [low] : [low, low + 1];
  });
  const valueOf = selectRanks(data, layout, range, [...new Set(ranks)]);
  return ps.map((p) => {
    const { low, fraction } = rankOf(range.count, p);
    const lowValue = valueOf.get(low) ?? Number.NaN;
    return fraction === 0 ? lowValue : interpolate(lowValue, valueOf.get(low + 1) ?? Number.NaN, fraction);
  });
}

interface ValueRange {
  min: number;
  max: number;
  count: number;
}

/** Range and count of the finite values. */
function finiteRange(data: VoxelArray | Float64Array, { offset, stride }: Strided): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = offset; i < data.length; i += stride) {
    const value = data[i];
    if (value > -Infinity && value < Infinity) {
      if (value < min) min = value;
      if (value > max) max = value;
      count++;
    }
  }
  return { min, max, count };
}

/** Values of the given ranks (0 = smallest) among the finite values within `range`. */
function selectRanks(data: VoxelArray, layout: Strided, range: ValueRange, ranks: number[]): Map<number, number> {
  const { min, max } = range;
  const result = new Map<number, number>();
  if (min === max) {
    for (const rank of ranks) result.set(rank, min);
    return result;
  }
  if (range.count <= SORT_LIMIT) {
    const sorted = gather(data, layout, range.count, (value) => value >= min && value <= max).sort();
    for (const rank of ranks) result.set(rank, sorted[rank]);
    return result;
  }

  // Bin b contains the values v with min(last, floor((v - min) * scale)) = b.
  // The formula is monotonic in v, so each bin is a run of the sorted values.
  const scale = REFINE_BINS / (max - min);
  const binOf = (value: number) => Math.min(REFINE_BINS - 1, Math.floor((value - min) * scale));
  const counts = new Float64Array(REFINE_BINS);
  const { offset, stride } = layout;
  for (let i = offset; i < data.length; i += stride) {
    const value = data[i];
    if (value >= min && value <= max) counts[binOf(value)]++;
  }

  // Find each rank's bin and its rank within the bin, then refine per bin.
  const ranksByBin = new Map<number, { rank: number; local: number }[]>();
  for (const rank of ranks) {
    const { bin, local } = locate(counts, rank);
    ranksByBin.set(bin, [...(ranksByBin.get(bin) ?? []), { rank, local }]);
  }
  for (const [bin, wanted] of ranksByBin) {
    const values = gather(data, layout, counts[bin], (value) => value >= min && value <= max && binOf(value) === bin);
    const inner = selectRanks(values, WHOLE, finiteRange(values, WHOLE), wanted.map((item) => item.local));
    for (const item of wanted) result.set(item.rank, inner.get(item.local) ?? Number.NaN);
  }
  return result;
}

/** Copies the `count` values that pass `keep` into a new array. */
function gather(data: VoxelArray, { offset, stride }: Strided, count: number, keep: (value: number) => boolean): Float64Array {
  const values = new Float64Array(count);
  let n = 0;
  for (let i = offset; i < data.length && n < count; i += stride) {
    const value = data[i];
    if (keep(value)) values[n++] = value;
  }
  return values;
}
