import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../core/random';
import { decodeJointSample, encodeJointSample, type JointLayout } from '../data/joint';
import { cutout, diffAugment, translate } from './diff-augment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const layout: JointLayout = { side: 8, imageChannels: 1, numClasses: 2 };

/** One sample: a bright square (class 1) at rows 2..4, cols 3..5 on a dark background. */
function squareSample(): tf.Tensor4D {
  const image = new Float32Array(64).fill(-0.8);
  const classIds = new Uint8Array(64);
  for (let row = 2; row <= 4; row++) {
    for (let col = 3; col <= 5; col++) {
      image[row * 8 + col] = 0.7;
      classIds[row * 8 + col] = 1;
    }
  }
  const joint = new Float32Array(64 * 3);
  encodeJointSample(image, classIds, layout, joint, 0);
  return tf.tensor4d(joint, [1, 8, 8, 3]);
}

function decode(x: tf.Tensor4D) {
  return decodeJointSample(x.dataSync() as Float32Array, layout, 0);
}

describe('DiffAugment', () => {
  test('translation moves mask and image together', () => {
    const moved = decode(translate(squareSample(), layout, [{ dx: 2, dy: -1 }]));
    for (let row = 0; row < 8; row++) {
      for (let col = 0; col < 8; col++) {
        const inSquare = row >= 1 && row <= 3 && col >= 5 && col <= 7;
        expect(moved.classIds[row * 8 + col], `mask at ${row},${col}`).toBe(inSquare ? 1 : 0);
        expect(moved.image[row * 8 + col] > 0, `image at ${row},${col}`).toBe(inSquare);
      }
    }
  });

  test('translation fills uncovered pixels with background', () => {
    const moved = decode(translate(squareSample(), layout, [{ dx: 3, dy: 0 }]));
    for (let row = 0; row < 8; row++) {
      for (let col = 0; col < 3; col++) {
        expect(moved.image[row * 8 + col]).toBe(-1);
        expect(moved.classIds[row * 8 + col]).toBe(0);
      }
    }
  });

  test('cutout blanks the same box in image and mask', () => {
    const cut = decode(cutout(squareSample(), layout, [{ row: 2, col: 2, size: 3 }]));
    for (let row = 0; row < 8; row++) {
      for (let col = 0; col < 8; col++) {
        const inBox = row >= 2 && row <= 4 && col >= 2 && col <= 4;
        const inSquare = row >= 2 && row <= 4 && col >= 3 && col <= 5;
        expect(cut.classIds[row * 8 + col], `mask at ${row},${col}`).toBe(inSquare && !inBox ? 1 : 0);
        if (inBox) expect(cut.image[row * 8 + col]).toBe(-1);
      }
    }
  });

  test('color changes only the image channels', () => {
    const original = squareSample();
    const changed = diffAugment(original, ['color'], layout, new Random(3));
    const before = original.dataSync();
    const after = changed.dataSync();
    let imageChanged = false;
    for (let p = 0; p < 64; p++) {
      imageChanged ||= Math.abs(after[p * 3] - before[p * 3]) > 1e-6;
      expect(after[p * 3 + 1]).toBe(before[p * 3 + 1]);
      expect(after[p * 3 + 2]).toBe(before[p * 3 + 2]);
    }
    expect(imageChanged).toBe(true);
  });

  test('all policies keep image and mask aligned', () => {
    for (let seed = 0; seed < 20; seed++) {
      const out = decode(diffAugment(squareSample(), ['translation', 'cutout'], layout, new Random(seed)));
      for (let p = 0; p < 64; p++) expect(out.image[p] > 0, `seed ${seed} pixel ${p}`).toBe(out.classIds[p] === 1);
    }
  });

  test('gradients flow through every policy', () => {
    const x = squareSample();
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.square(diffAugment(input as tf.Tensor4D, ['color', 'translation', 'cutout'], layout, new Random(1)))))(x);
    const values = gradient.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
  });

  test('same seed gives the same transform', () => {
    const a = diffAugment(squareSample(), ['color', 'translation', 'cutout'], layout, new Random(9)).dataSync();
    const b = diffAugment(squareSample(), ['color', 'translation', 'cutout'], layout, new Random(9)).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
