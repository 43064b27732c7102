import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ADVERSARIAL_LOSSES, binaryCrossEntropyWithLogits } from './adversarial';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Fixed logits and their losses worked out by hand (sigma(x) = 1 / (1 + e^-x)).
const REAL = [2, -1, 0.5];
const FAKE = [-3, 1, 0];
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const softplus = (x: number) => Math.log(1 + Math.exp(x));

function losses(gan: keyof typeof ADVERSARIAL_LOSSES, realTarget = 1) {
  const loss = ADVERSARIAL_LOSSES[gan];
  const terms = loss.discriminator(tf.tensor2d(REAL, [3, 1]), tf.tensor2d(FAKE, [3, 1]), realTarget);
  return {
    real: terms.real.dataSync()[0],
    fake: terms.fake.dataSync()[0],
    generator: loss.generator(tf.tensor2d(FAKE, [3, 1])).dataSync()[0],
  };
}

describe('adversarial losses', () => {
  test('dcgan binary cross-entropy', () => {
    const { real, fake, generator } = losses('dcgan');
    // -log sigma(x) = softplus(-x); -log(1 - sigma(x)) = softplus(x).
    expect(real).toBeCloseTo(mean(REAL.map((x) => softplus(-x))), 6);
    expect(fake).toBeCloseTo(mean(FAKE.map((x) => softplus(x))), 6);
    expect(generator).toBeCloseTo(mean(FAKE.map((x) => softplus(-x))), 6);
  });

  test('dcgan with label smoothing', () => {
    const { real } = losses('dcgan', 0.9);
    // BCE(x, t) = -t log sigma(x) - (1 - t) log(1 - sigma(x)).
    expect(real).toBeCloseTo(mean(REAL.map((x) => 0.9 * softplus(-x) + 0.1 * softplus(x))), 6);
  });

  test('lsgan least squares', () => {
    const { real, fake, generator } = losses('lsgan');
    expect(real).toBeCloseTo(0.5 * mean(REAL.map((x) => (x - 1) ** 2)), 6);
    expect(fake).toBeCloseTo(0.5 * mean(FAKE.map((x) => x ** 2)), 6);
    expect(generator).toBeCloseTo(0.5 * mean(FAKE.map((x) => (x - 1) ** 2)), 6);
  });

  test('lsgan with label smoothing', () => {
    expect(losses('lsgan', 0.9).real).toBeCloseTo(0.5 * mean(REAL.map((x) => (x - 0.9) ** 2)), 6);
  });

  test.each(['wgan', 'wgan-gp'] as const)('%s critic', (gan) => {
    const { real, fake, generator } = losses(gan);
    // mean(D(fake)) - mean(D(real)), split into its two terms.
    expect(real + fake).toBeCloseTo(mean(FAKE) - mean(REAL), 6);
    expect(real).toBeCloseTo(-0.5, 6);
    expect(fake).toBeCloseTo(-2 / 3, 6);
    expect(generator).toBeCloseTo(2 / 3, 6);
  });

  test('hinge', () => {
    const { real, fake, generator } = losses('hinge');
    // relu(1 - [2, -1, 0.5]) = [0, 2, 0.5]; relu(1 + [-3, 1, 0]) = [0, 2, 1].
    expect(real).toBeCloseTo(2.5 / 3, 6);
    expect(fake).toBeCloseTo(1, 6);
    expect(generator).toBeCloseTo(2 / 3, 6);
  });

  test('cross-entropy is finite for huge logits', () => {
    const values = binaryCrossEntropyWithLogits(tf.tensor1d([1000, -1000]), 1).dataSync();
    expect(values[0]).toBeCloseTo(0, 6);
    expect(values[1]).toBeCloseTo(1000, 3);
  });
});
