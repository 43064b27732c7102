import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { bilinearMatrix, resizeBilinear } from './resize';

/** torch.nn.functional.interpolate(mode='bilinear', align_corners=False) outputs, written by scripts/reference/inception_reference.py. */
interface ResizeCase {
  input: [number, number];
  output: [number, number];
  /** [H, W] row-major */
  image: number[];
  rows: number[];
  columns: number[];
  /** Output at rows x columns, row-major. */
  values: number[];
}

const cases: ResizeCase[] = JSON.parse(readFileSync(new URL('./fixtures/resize-reference.json', import.meta.url), 'utf8'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxDifference(testCase: ResizeCase, resized: Float32Array, outColumns: number, channel = 0, channels = 1): number {
  let max = 0;
  testCase.rows.forEach((row, i) => {
    testCase.columns.forEach((column, j) => {
      const actual = resized[(row * outColumns + column) * channels + channel];
      max = Math.max(max, Math.abs(actual - testCase.values[i * testCase.columns.length + j]));
    });
  });
  return max;
}

describe('resizeBilinear', () => {
  test.each(cases.map((c) => [`${c.input.join('x')} -> ${c.output.join('x')}`, c] as const))('matches PyTorch %s', (_, testCase) => {
    const [rows, columns] = testCase.input;
    const [outRows, outColumns] = testCase.output;
    const image = tf.tensor4d(testCase.image, [1, rows, columns, 1]);
    const resized = resizeBilinear(image, outRows, outColumns);
    expect(resized.shape).toEqual([1, outRows, outColumns, 1]);
    expect(maxDifference(testCase, resized.dataSync() as Float32Array, outColumns)).toBeLessThan(1e-6);
    tf.dispose([image, resized]);
  });

  test('resizes each image and channel alike', () => {
    // Channel 1 is the negated image and batch entry 1 is the image doubled.
    // Both must follow the PyTorch values, so a mix-up of axes fails.
    const testCase = cases.find((c) => c.input[0] === 5 && c.input[1] === 7)!;
    const [outRows, outColumns] = testCase.output;
    const single = tf.tensor3d(testCase.image, [5, 7, 1]);
    const twoChannels = tf.concat([single, tf.neg(single)], 2);
    const batch = tf.stack([twoChannels, tf.mul(twoChannels, 2)]) as tf.Tensor4D;
    const resized = resizeBilinear(batch, outRows, outColumns).dataSync() as Float32Array;
    const perImage = outRows * outColumns * 2;
    const halves = [resized.subarray(0, perImage), resized.subarray(perImage)];
    expect(maxDifference(testCase, halves[0], outColumns, 0, 2)).toBeLessThan(1e-6);
    const negated = { ...testCase, values: testCase.values.map((v) => -v) };
    expect(maxDifference(negated, halves[0], outColumns, 1, 2)).toBeLessThan(1e-6);
    const doubled = { ...testCase, values: testCase.values.map((v) => 2 * v) };
    expect(maxDifference(doubled, halves[1], outColumns, 0, 2)).toBeLessThan(2e-6);
  });

  test('returns the same size unchanged', () => {
    const image = tf.randomUniform([2, 299, 299, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    expect(resizeBilinear(image, 299, 299)).toBe(image);
    image.dispose();
  });

  test('leaks no tensors', () => {
    const image = tf.randomUniform([2, 9, 6, 3], -1, 1, 'float32', 2) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    resizeBilinear(image, 13, 4).dispose();
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });
});

describe('bilinearMatrix', () => {
  test('rows sum to one', () => {
    for (const [inSize, outSize] of [[5, 299], [301, 299], [8, 3], [1, 4]]) {
      const matrix = bilinearMatrix(inSize, outSize);
      for (let i = 0; i < outSize; i++) {
        const sum = matrix.subarray(i * inSize, (i + 1) * inSize).reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 6);
      }
    }
  });

  test('halves a row as PyTorch does', () => {
    // 4 -> 2: source positions 0.5 and 2.5, so each output averages a pair.
    expect(Array.from(bilinearMatrix(4, 2))).toEqual([0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5]);
  });

  test('rejects a zero size', () => {
    expect(() => bilinearMatrix(0, 3)).toThrow(/input size of a bilinear resize is 0/);
  });
});
