import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { filterGradient, installFastCpuFilterGradient, stockFilterGradient } from './cpu-conv-filter-gradient';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Shape4 = [number, number, number, number];

const CASES: { name: string; x: Shape4; filter: Shape4; strides: number; pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding }[] = [
  { name: 'stride 2 same', x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
  { name: 'stride 1 same', x: [1, 8, 7, 2], filter: [3, 3, 2, 5], strides: 1, pad: 'same' },
  { name: 'stride 2 valid', x: [3, 10, 10, 4], filter: [4, 4, 4, 3], strides: 2, pad: 'valid' },
  { name: 'asymmetric kernel', x: [2, 12, 11, 3], filter: [1, 7, 3, 2], strides: 1, pad: 'same' },
  { name: 'explicit padding', x: [1, 6, 6, 2], filter: [3, 3, 2, 2], strides: 1, pad: [[0, 0], [1, 2], [2, 1], [0, 0]] },
];

describe('fast CPU filter gradient', () => {
  test.each(CASES)('$name matches the stock kernel', ({ x: xShape, filter, strides, pad }) => {
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 1) as tf.Tensor4D;
    // dy has the shape of the convolution's output.
    const outputShape = tf.conv2d(x, tf.zeros(filter) as tf.Tensor4D, strides, pad as 'same').shape;
    const dy = tf.randomNormal(outputShape as Shape4, 0, 1, 'float32', 2) as tf.Tensor4D;
    const attrs = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: filter };
    const args = { inputs: { x, dy }, backend: tf.backend(), attrs: attrs as unknown as tf.NamedAttrMap };
    const expected = tf.engine().makeTensorFromTensorInfo(stockFilterGradient(args) as tf.TensorInfo);
    const actual = tf.engine().makeTensorFromTensorInfo(filterGradient(args));

    expect(actual.shape).toEqual(expected.shape);
    const a = actual.dataSync();
    const e = expected.dataSync();
    let maxDifference = 0;
    for (let i = 0; i < e.length; i++) maxDifference = Math.max(maxDifference, Math.abs(a[i] - e[i]));
    expect(maxDifference).toBeLessThan(1e-4);
  });

  test('installed kernel serves conv gradients', () => {
    installFastCpuFilterGradient();
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 4) as tf.Tensor4D;
    const actual = tf.grad((filter: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, filter as tf.Tensor4D, 2, 'same'))))(w).dataSync();
    // d/dW sum(conv^2) = Conv2DBackpropFilter(x, 2 * conv), computed by the stock kernel.
    const dy = tf.mul(2, tf.conv2d(x, w, 2, 'same'));
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: [3, 3, 3, 4] } as unknown as tf.NamedAttrMap;
    const expected = tf.engine().makeTensorFromTensorInfo(stockFilterGradient({ inputs: { x, dy }, backend: tf.backend(), attrs }) as tf.TensorInfo).dataSync();
    for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 3);
  });
});
