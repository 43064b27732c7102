import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { crossEntropy, oneHotTargets, segmentationLoss, softDiceLoss } from './losses';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two pixels, two classes: p = [[0.8, 0.2], [0.4, 0.6]], true classes 0 and 1. */
function pair() {
  const probabilities = tf.tensor4d([0.8, 0.2, 0.4, 0.6], [1, 1, 2, 2]);
  const targets = tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2]);
  return { probabilities, targets };
}

describe('segmentation losses', () => {
  test('cross-entropy by hand', () => {
    const { probabilities, targets } = pair();
    // -(log 0.8 + log 0.6) / 2
    const expected = -(Math.log(0.8) + Math.log(0.6)) / 2;
    expect(crossEntropy(probabilities, targets).dataSync()[0]).toBeCloseTo(expected, 6);
    tf.dispose([probabilities, targets]);
  });

  test('cross-entropy clips log of zero', () => {
    const probabilities = tf.tensor4d([1, 0], [1, 1, 1, 2]);
    const targets = tf.tensor4d([0, 1], [1, 1, 1, 2]);
    const value = crossEntropy(probabilities, targets).dataSync()[0];
    expect(value).toBeCloseTo(-Math.log(1e-7), 4);
    const gradient = tf.grad((p: tf.Tensor) => crossEntropy(p as tf.Tensor4D, targets))(probabilities).dataSync();
    for (const g of gradient) expect(Number.isFinite(g)).toBe(true);
    tf.dispose([probabilities, targets]);
  });

  test('soft Dice by hand', () => {
    const { probabilities, targets } = pair();
    // Class 0: sum p t = 0.8, sum p = 1.2, sum t = 1: D = (1.6 + 1) / (2.2 + 1).
    // Class 1: sum p t = 0.6, sum p = 0.8, sum t = 1: D = (1.2 + 1) / (1.8 + 1).
    const d0 = 2.6 / 3.2;
    const d1 = 2.2 / 2.8;
    const expected = ((1 - d0) + (1 - d1)) / 2;
    expect(softDiceLoss(probabilities, targets).dataSync()[0]).toBeCloseTo(expected, 6);
    // Without smoothing: D0 = 1.6 / 2.2, D1 = 1.2 / 1.8.
    expect(softDiceLoss(probabilities, targets, 0).dataSync()[0]).toBeCloseTo(((1 - 1.6 / 2.2) + (1 - 1.2 / 1.8)) / 2, 6);
    tf.dispose([probabilities, targets]);
  });

  test('soft Dice of a perfect one-hot is 0', () => {
    const targets = tf.tensor4d([1, 0, 0, 0, 1, 0], [1, 2, 1, 3]);
    // Class 2 is absent from both: (0 + 1) / (0 + 1) = 1, loss 0.
    expect(softDiceLoss(targets, targets).dataSync()[0]).toBeCloseTo(0, 7);
    tf.dispose(targets);
  });

  test('combined loss is the sum', () => {
    const { probabilities, targets } = pair();
    const sum = crossEntropy(probabilities, targets).dataSync()[0] + softDiceLoss(probabilities, targets).dataSync()[0];
    expect(segmentationLoss(probabilities, targets).dataSync()[0]).toBeCloseTo(sum, 6);
    tf.dispose([probabilities, targets]);
  });

  test('one-hot targets from class ids', () => {
    const targets = oneHotTargets(Uint8Array.from([2, 0, 1, 2]), 1, 2, 3);
    expect(targets.shape).toEqual([1, 2, 2, 3]);
    expect(Array.from(targets.dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    targets.dispose();
  });

  test('losses leave no tensors', () => {
    const { probabilities, targets } = pair();
    const before = tf.memory().numTensors;
    segmentationLoss(probabilities, targets).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([probabilities, targets]);
  });
});
