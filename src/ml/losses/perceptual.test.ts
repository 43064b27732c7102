import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { standInVgg } from '../testing/stand-in-vgg';
import { featureLayerNames, PerceptualNetwork } from './perceptual';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('PerceptualNetwork', () => {
  test('takes the VGG-19 layers the model has', () => {
    expect(featureLayerNames(standInVgg())).toEqual(['block1_conv2', 'block2_conv2']);
  });

  test('falls back to the last convolution of each block', () => {
    const input = tf.input({ shape: [8, 8, 3] });
    const a = tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'stem_conv1' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.conv2d({ filters: 2, kernelSize: 3, name: 'stem_conv2' }).apply(a) as tf.SymbolicTensor;
    const c = tf.layers.conv2d({ filters: 2, kernelSize: 1, name: 'head_conv1' }).apply(b) as tf.SymbolicTensor;
    expect(featureLayerNames(tf.model({ inputs: input, outputs: c }))).toEqual(['stem_conv2', 'head_conv1']);
  });

  test('rejects a model without convolutions', () => {
    const input = tf.input({ shape: [4] });
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor });
    expect(() => featureLayerNames(model)).toThrow(/no Conv2D layer/);
  });

  test('distance is zero for the same batch and positive otherwise', () => {
    const network = new PerceptualNetwork(standInVgg());
    const a = tf.randomUniform([3, 16, 16, 1], -1, 1, 'float32', 1) as tf.Tensor4D;
    const b = tf.randomUniform([3, 16, 16, 1], -1, 1, 'float32', 2) as tf.Tensor4D;
    expect(network.distance(a, a).dataSync()[0]).toBeCloseTo(0, 8);
    expect(network.distance(a, tf.neg(b) as tf.Tensor4D).dataSync()[0]).toBeGreaterThan(0);
  });

  test('prepares images as Keras VGG19 expects', () => {
    // A 1x1 identity convolution exposes the prepared input: BGR, 0..255, means subtracted.
    const input = tf.input({ shape: [2, 2, 3] });
    const identity = tf.layers.conv2d({ filters: 3, kernelSize: 1, useBias: false, name: 'block1_conv2', weights: [tf.eye(3).reshape([1, 1, 3, 3])] });
    const network = new PerceptualNetwork(tf.model({ inputs: input, outputs: identity.apply(input) as tf.SymbolicTensor }));
    const rgb = tf.tensor4d([1, 0, -1], [1, 1, 1, 3]).tile([1, 2, 2, 1]) as tf.Tensor4D;
    const prepared = Array.from(network.features(rgb)[0].dataSync().slice(0, 3));
    expect(prepared[0]).toBeCloseTo(0 - 103.939, 3);
    expect(prepared[1]).toBeCloseTo(127.5 - 116.779, 3);
    expect(prepared[2]).toBeCloseTo(255 - 123.68, 3);
  });

  test('gradients reach the generated images', () => {
    const network = new PerceptualNetwork(standInVgg());
    const real = tf.randomUniform([2, 16, 16, 1], -1, 1, 'float32', 3) as tf.Tensor4D;
    const fake = tf.randomUniform([2, 16, 16, 1], -1, 1, 'float32', 4) as tf.Tensor4D;
    const gradient = tf.grad((x: tf.Tensor) => network.distance(real, x as tf.Tensor4D))(fake).dataSync();
    expect(gradient.some((v) => v !== 0)).toBe(true);
  });
});
