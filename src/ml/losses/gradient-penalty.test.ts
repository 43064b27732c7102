import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildDiscriminator } from '../models/discriminator';
import { ACTIVATIONS, NORMALIZATIONS } from '../training/config';
import { gradientPenalty, inputGradientNorms, interpolate } from './gradient-penalty';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gradientPenalty', () => {
  test('linear critic matches closed form', () => {
    // D(x) = sum(w * x): grad_x D = w for every sample, so GP = lambda * (||w|| - 1)^2.
    const w = tf.tensor4d([0.5, -1, 2, 0.25, 1, 1, -0.5, 3], [1, 2, 2, 2]);
    const critic = (x: tf.Tensor) => tf.sum(tf.mul(x, w), [1, 2, 3]);
    const real = tf.randomNormal([3, 2, 2, 2]) as tf.Tensor4D;
    const fake = tf.randomNormal([3, 2, 2, 2]) as tf.Tensor4D;
    const mix = tf.tensor1d([0.1, 0.5, 0.9]);
    const normW = Math.sqrt(0.25 + 1 + 4 + 0.0625 + 1 + 1 + 0.25 + 9);

    const penalty = gradientPenalty(critic, interpolate(real, fake, mix), 10).dataSync()[0];

    expect(penalty).toBeCloseTo(10 * (normW - 1) ** 2, 4);
  });

  test('quadratic critic matches per-sample norms', () => {
    // D(x) = 0.5 * sum(x^2): grad_x D = x_hat, so the norms are those of the interpolates.
    const critic = (x: tf.Tensor) => tf.mul(0.5, tf.sum(tf.square(x), [1, 2, 3]));
    const real = tf.tensor4d([1, 0, 0, 0, 0, 2, 0, 0], [2, 2, 2, 1]);
    const fake = tf.tensor4d([0, 0, 0, 1, 0, 0, 0, 0], [2, 2, 2, 1]);
    const mix = tf.tensor1d([0.5, 0.25]);
    // Sample 0: x_hat = (0.5, 0, 0, 0.5), norm sqrt(0.5). Sample 1: x_hat = (0, 0.5, 0, 0), norm 0.5.
    const expected = ((Math.sqrt(0.5) - 1) ** 2 + (0.5 - 1) ** 2) / 2;

    const penalty = gradientPenalty(critic, interpolate(real, fake, mix), 1).dataSync()[0];

    expect(penalty).toBeCloseTo(expected, 5);
  });

  test('input gradient norms are per sample', () => {
    const critic = (x: tf.Tensor) => tf.mul(tf.sum(x, [1, 2, 3]), tf.tensor1d([1, 2]));
    const x = tf.zeros([2, 2, 2, 1]) as tf.Tensor4D;
    const norms = Array.from(inputGradientNorms(critic, x).dataSync());
    expect(norms[0]).toBeCloseTo(2, 5);
    expect(norms[1]).toBeCloseTo(4, 5);
  });
});

describe('gradientPenalty weight gradients', () => {
  const cases = ACTIVATIONS.flatMap((activation) =>
    NORMALIZATIONS.flatMap((normalization) =>
      [false, true].map((spectralNorm) => ({ activation, normalization, spectralNorm })),
    ),
  );

  test.each(cases)('critic with $activation, $normalization norm, SN $spectralNorm', ({ activation, normalization, spectralNorm }) => {
    const critic = buildDiscriminator({
      resolution: 16,
      imageChannels: 1,
      numClasses: 2,
      discriminator: { filters: 4, activation, normalization, spectralNorm, learningRate: 1e-4 },
      init: { scheme: 'normal', gain: 0.2 },
      seed: 3,
    });
    const real = tf.randomNormal([3, 16, 16, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const fake = tf.randomNormal([3, 16, 16, 3], 0, 1, 'float32', 2) as tf.Tensor4D;
    const mix = tf.tensor1d([0.2, 0.6, 0.9]);
    const before = tf.memory().numTensors;

    const { value, grads } = tf.variableGrads(
      () => gradientPenalty((x) => critic.forward(x, true).output, interpolate(real, fake, mix), 10),
      critic.trainableVariables,
    );

    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    // The logit's bias shifts D(x) by a constant, so only it may get a zero gradient.
    const weightNames = Object.keys(grads).filter((name) => /kernel|gamma/.test(name));
    const expectedWeights = normalization === 'none' ? 3 : 4;
    expect(weightNames.length).toBe(expectedWeights);
    for (const name of weightNames) {
      const g = grads[name].dataSync();
      expect(g.every(Number.isFinite), name).toBe(true);
      expect(g.some((v) => v !== 0), name).toBe(true);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    critic.dispose();
  });
});
