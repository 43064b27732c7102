import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import reference from '../../../scripts/reference/metrics-reference.json';
import { gaussianStatistics } from './gaussian';
import { parseNpy, serializeNpy, type NpyArray } from './npy';
import { readFidStatistics, readNpz, writeFidStatistics, writeNpz } from './npz';
import { recipeFeatures } from './testing/recipe-features';
import { labErrorFrom } from '../../testing/lab-error';

const fixtures = join(__dirname, '..', '..', '..', 'scripts', 'reference');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, name)));

function valuesOf(array: NpyArray): number[] {
  return Array.from(array.data as ArrayLike<number | bigint>, (value) => Number(value));
}

describe('readNpz', () => {
  const arrays = readNpz(fixture('metrics-arrays.npz'), 'metrics-arrays.npz');

  for (const [name, expected] of Object.entries(reference.npz.arrays)) {
    const version = reference.npz.versions[name as keyof typeof reference.npz.versions].join('.');
    it(`reads ${name} from numpy (format ${version})`, () => {
      const array = arrays.get(name);
      expect(array).toBeDefined();
      expect(array!.dtype).toBe(expected.dtype);
      expect(array!.shape).toEqual(expected.shape);
      const values = valuesOf(array!);
      if (expected.dtype === 'float32') {
        values.forEach((value, i) => expect(value).toBe(Math.fround(expected.values[i])));
      } else {
        expect(values).toEqual(expected.values);
      }
    });
  }

  it('rejects Fortran order', () => {
    const error = labErrorFrom(() => readNpz(fixture('metrics-fortran.npz'), 'fortran.npz'));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/^fortran\.npz: table\.npy: the array is stored in Fortran/);
    expect(error.hint).toMatch(/ascontiguousarray/);
  });

  it('rejects a file that is not a zip', () => {
    const error = labErrorFrom(() => readNpz(new TextEncoder().encode('hello world'), 'notes.txt'));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/^notes\.txt: .*zip signature/);
  });

  it('rejects a cut archive', () => {
    const bytes = fixture('metrics-arrays.npz');
    const error = labErrorFrom(() => readNpz(bytes.subarray(0, bytes.length - 100), 'cut.npz'));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/^cut\.npz: the zip archive cannot be read/);
  });
});

describe('parseNpy', () => {
  it('round-trips every type', () => {
    const arrays: NpyArray[] = [
      { dtype: 'float64', shape: [2, 3], data: Float64Array.of(1, -2, 3.5, Math.PI, 1e-300, -0) },
      { dtype: 'float32', shape: [4], data: Float32Array.of(0.1, 2, -3, 4) },
      { dtype: 'int8', shape: [2], data: Int8Array.of(-128, 127) },
      { dtype: 'uint8', shape: [1, 1], data: Uint8Array.of(200) },
      { dtype: 'int16', shape: [2], data: Int16Array.of(-30000, 5) },
      { dtype: 'uint16', shape: [2], data: Uint16Array.of(65535, 1) },
      { dtype: 'int32', shape: [2], data: Int32Array.of(-(2 ** 31), 7) },
      { dtype: 'uint32', shape: [1], data: Uint32Array.of(2 ** 32 - 1) },
      { dtype: 'int64', shape: [], data: BigInt64Array.of(-(2n ** 62n)) },
      { dtype: 'uint64', shape: [2, 0], data: new BigUint64Array(0) },
    ];
    for (const array of arrays) {
      const bytes = serializeNpy(array);
      const headerLength = bytes[8] | (bytes[9] << 8);
      expect((10 + headerLength) % 64, array.dtype).toBe(0);
      expect(parseNpy(bytes, 'x.npy')).toEqual(array);
    }
  });

  it('rejects an unsupported type', () => {
    const bytes = serializeNpy({ dtype: 'float64', shape: [1], data: Float64Array.of(1) });
    const text = new TextDecoder('latin1').decode(bytes).replace("'<f8'", "'<c8'");
    const error = labErrorFrom(() => parseNpy(Uint8Array.from(text, (c) => c.charCodeAt(0)), 'complex.npy'));
    expect(error.code).toBe('unsupported-datatype');
    expect(error.message).toMatch(/^complex\.npy: array type '<c8' is not supported/);
  });

  it('rejects truncated data', () => {
    const bytes = serializeNpy({ dtype: 'float64', shape: [4], data: new Float64Array(4) });
    const error = labErrorFrom(() => parseNpy(bytes.subarray(0, bytes.length - 8), 'short.npy'));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toMatch(/needs 32 bytes of data but 24 remain/);
  });

  it('rejects a file without the signature', () => {
    expect(() => parseNpy(new Uint8Array(20), 'zeros.npy')).toThrow(/zeros\.npy: this is not a NumPy \.npy array/);
  });
});

describe('FID statistics files', () => {
  it('reads pytorch-fid statistics written by numpy', () => {
    const { recipe, mu, sigma } = reference.npz.statistics;
    const statistics = readFidStatistics(fixture('metrics-statistics.npz'), 'stats.npz');
    expect(statistics.dimension).toBe(recipe.dimension);
    expect(statistics.count).toBeUndefined();
    expect(Array.from(statistics.mean)).toEqual(mu);
    expect(Array.from(statistics.covariance)).toEqual(sigma);
  });

  it('matches statistics computed here', () => {
    const { recipe } = reference.npz.statistics;
    const file = readFidStatistics(fixture('metrics-statistics.npz'), 'stats.npz');
    const local = gaussianStatistics(recipeFeatures(recipe));
    local.covariance.forEach((value, i) => expect(value).toBeCloseTo(file.covariance[i], 13));
  });

  it('round-trips statistics with a count', () => {
    const statistics = gaussianStatistics(recipeFeatures({ seed: 4, count: 20, dimension: 7, latents: 2, shift: 1 }));
    const bytes = writeFidStatistics(statistics);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(['count.npy', 'mu.npy', 'sigma.npy']);
    expect(parseNpy(files['sigma.npy'], 'sigma.npy').dtype).toBe('float64');
    expect(readFidStatistics(bytes, 'again.npz')).toEqual(statistics);
  });

  it('round-trips arrays through writeNpz', () => {
    const arrays = { weights: { dtype: 'float32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) } } satisfies Record<string, NpyArray>;
    expect(readNpz(writeNpz(arrays), 'w.npz').get('weights')).toEqual(arrays.weights);
  });

  it('names a missing sigma', () => {
    const bytes = writeNpz({ mu: { dtype: 'float64', shape: [2], data: Float64Array.of(1, 2) } });
    const error = labErrorFrom(() => readFidStatistics(bytes, 'half.npz'));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/^half\.npz: array 'sigma' is missing \(arrays present: 'mu'\)/);
  });

  it('names a sigma of the wrong shape', () => {
    const bytes = writeNpz({
      mu: { dtype: 'float64', shape: [2], data: Float64Array.of(1, 2) },
      sigma: { dtype: 'float64', shape: [3, 3], data: new Float64Array(9) },
    });
    const error = labErrorFrom(() => readFidStatistics(bytes, 'odd.npz'));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toMatch(/array 'sigma' has shape \(3, 3\) but 'mu' has 2 values, so it must be \(2, 2\)/);
  });

  it('names a damaged member', () => {
    const bytes = zipSync({ 'mu.npy': new Uint8Array(3), 'sigma.npy': new Uint8Array(3) }, { level: 0 });
    expect(() => readFidStatistics(bytes, 'bad.npz')).toThrow(/bad\.npz: mu\.npy: this is not a NumPy/);
  });
});
