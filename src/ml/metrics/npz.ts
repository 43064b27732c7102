/**
 * NumPy `.npz` archives (a zip of `.npy` files, as np.savez and
 * np.savez_compressed write them) and the FID statistics files of
 * pytorch-fid, which hold `mu` (the feature mean, D values) and `sigma` (the
 * covariance, D x D). This lab also stores the sample count as `count`
 * (an int64 scalar); readers that only look for `mu` and `sigma` ignore it.
 */

import { unzipSync, zipSync, type Zippable } from 'fflate';
import { LabError } from '../../core/errors';
import type { GaussianStatistics } from './gaussian';
import { parseNpy, serializeNpy, type NpyArray } from './npy';

const STATISTICS_HINT = "pytorch-fid statistics files contain 'mu' (D values) and 'sigma' (D x D); recreate the file with pytorch-fid --save-stats or this lab.";

/** Reads every array of an `.npz` archive, keyed by name without the `.npy` suffix. */
export function readNpz(bytes: Uint8Array, file: string): Map<string, NpyArray> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new LabError('unsupported-format', 'this is not an .npz archive (the zip signature "PK" is missing)', { file });
  }
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (error) {
    throw new LabError('corrupt-file', `the zip archive cannot be read (${error instanceof Error ? error.message : String(error)})`, {
      file,
      cause: error,
    });
  }
  const arrays = new Map<string, NpyArray>();
  for (const [member, content] of Object.entries(members)) {
    if (member.endsWith('/')) continue;
    arrays.set(member.replace(/\.npy$/, ''), parseNpy(content, `${file}: ${member}`));
  }
  return arrays;
}

/** Writes arrays as an uncompressed `.npz` archive (like np.savez), each as `NAME.npy`. */
export function writeNpz(arrays: Record<string, NpyArray>): Uint8Array {
  const files: Zippable = {};
  for (const [name, array] of Object.entries(arrays)) files[`${name}.npy`] = serializeNpy(array);
  return zipSync(files, { level: 0 });
}

/** Reads FID statistics from a pytorch-fid style `.npz`; any numeric type is converted to float64. */
export function readFidStatistics(bytes: Uint8Array, file: string): GaussianStatistics {
  const arrays = readNpz(bytes, file);
  const mu = requireArray(arrays, 'mu', file);
  const sigma = requireArray(arrays, 'sigma', file);
  if (mu.shape.length !== 1 || mu.shape[0] < 1) {
    throw new LabError('shape-mismatch', `array 'mu' has shape (${mu.shape.join(', ')}) but must be one-dimensional (D,)`, { file, hint: STATISTICS_HINT });
  }
  const d = mu.shape[0];
  if (sigma.shape.length !== 2 || sigma.shape[0] !== d || sigma.shape[1] !== d) {
    throw new LabError('shape-mismatch', `array 'sigma' has shape (${sigma.shape.join(', ')}) but 'mu' has ${d} values, so it must be (${d}, ${d})`, {
      file,
      hint: STATISTICS_HINT,
    });
  }
  const statistics: GaussianStatistics = { dimension: d, mean: toFloat64(mu), covariance: toFloat64(sigma) };
  const count = arrays.get('count');
  if (count) statistics.count = readCount(count, file);
  return statistics;
}

/** Writes statistics as a pytorch-fid compatible `.npz`: float64 `mu` and `sigma`, plus `count` when known. */
export function writeFidStatistics(statistics: GaussianStatistics): Uint8Array {
  const d = statistics.dimension;
  const arrays: Record<string, NpyArray> = {
    mu: { dtype: 'float64', shape: [d], data: Float64Array.from(statistics.mean) },
    sigma: { dtype: 'float64', shape: [d, d], data: Float64Array.from(statistics.covariance) },
  };
  if (statistics.count !== undefined) {
    arrays.count = { dtype: 'int64', shape: [], data: BigInt64Array.of(BigInt(statistics.count)) };
  }
  return writeNpz(arrays);
}

function requireArray(arrays: Map<string, NpyArray>, name: string, file: string): NpyArray {
  const array = arrays.get(name);
  if (!array) {
    const present = [...arrays.keys()].map((key) => `'${key}'`).join(', ') || 'none';
    throw new LabError('corrupt-file', `array '${name}' is missing (arrays present: ${present})`, { file, hint: STATISTICS_HINT });
  }
  return array;
}

function toFloat64(array: NpyArray): Float64Array {
  const { data } = array;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, (value) => Number(value));
  return Float64Array.from(data);
}

function readCount(array: NpyArray, file: string): number {
  const value = array.data.length === 1 ? Number(array.data[0]) : Number.NaN;
  if (!Number.isInteger(value) || value < 0) {
    throw new LabError('corrupt-file', `array 'count' must be one non-negative integer, the number of samples`, { file });
  }
  return value;
}
