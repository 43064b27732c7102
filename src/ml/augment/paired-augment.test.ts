import { describe, expect, test } from 'vitest';
import { Random } from '../../core/random';
import { decodeJointSample, encodeJointSample, type JointLayout } from '../data/joint';
import { applyPairedTransform, drawPairedTransform, MAX_ROTATION, type PairedTransform } from './paired-augment';

const layout: JointLayout = { side: 16, imageChannels: 1, numClasses: 3 };
const identity: PairedTransform = { flip: false, angle: 0, dx: 0, dy: 0, gain: 1, offset: 0 };

/** Class 1 (bright) in the left half of rows 4..11, class 2 (mid grey) at the top right. */
function sample(): Float32Array {
  const image = new Float32Array(256).fill(-1);
  const classIds = new Uint8Array(256);
  for (let row = 0; row < 16; row++) {
    for (let col = 0; col < 16; col++) {
      if (row >= 4 && row < 12 && col >= 2 && col < 8) {
        classIds[row * 16 + col] = 1;
        image[row * 16 + col] = 0.8;
      } else if (row < 3 && col >= 12) {
        classIds[row * 16 + col] = 2;
        image[row * 16 + col] = 0.2;
      }
    }
  }
  const joint = new Float32Array(256 * 4);
  encodeJointSample(image, classIds, layout, joint, 0);
  return joint;
}

function transformed(transform: PairedTransform) {
  const batch = sample();
  applyPairedTransform(batch, layout, 0, transform);
  return { batch, ...decodeJointSample(batch, layout, 0) };
}

describe('paired augmentation', () => {
  test('identity leaves the sample unchanged', () => {
    expect(Array.from(transformed(identity).batch)).toEqual(Array.from(sample()));
  });

  test('flip mirrors image and mask', () => {
    const { image, classIds } = transformed({ ...identity, flip: true });
    expect(classIds[5 * 16 + 15 - 3]).toBe(1);
    expect(classIds[5 * 16 + 3]).toBe(0);
    expect(image[5 * 16 + 15 - 3]).toBeCloseTo(0.8, 6);
    expect(classIds[1 * 16 + 1]).toBe(2);
  });

  test('shift moves image and mask by the same pixels', () => {
    const { classIds, image } = transformed({ ...identity, dx: 3, dy: 2 });
    expect(classIds[(4 + 2) * 16 + 2 + 3]).toBe(1);
    expect(classIds[4 * 16 + 2]).toBe(0);
    expect(image[(4 + 2) * 16 + 2 + 3]).toBeCloseTo(0.8, 6);
  });

  test('rotation keeps the mask one-hot and aligned', () => {
    for (let seed = 0; seed < 10; seed++) {
      const transform = drawPairedTransform(16, new Random(seed));
      expect(Math.abs(transform.angle)).toBeLessThanOrEqual(MAX_ROTATION);
      const { batch, image, classIds } = transformed(transform);
      for (let p = 0; p < 256; p++) {
        const classChannels = Array.from(batch.subarray(p * 4 + 1, p * 4 + 4));
        expect(classChannels.filter((v) => v === 1)).toHaveLength(1);
        expect(classChannels.filter((v) => v === -1)).toHaveLength(2);
        // Bilinear image values and nearest-neighbour labels agree away from edges.
        if (image[p] > 0.75) expect(classIds[p], `seed ${seed} pixel ${p}`).toBe(1);
        if (image[p] < -0.95) expect(classIds[p], `seed ${seed} pixel ${p}`).toBe(0);
      }
    }
  });

  test('intensity jitter changes the image only', () => {
    const { batch } = transformed({ ...identity, gain: 1.1, offset: -0.05 });
    const original = sample();
    expect(batch[(5 * 16 + 3) * 4]).toBeCloseTo(0.8 * 1.1 - 0.05, 6);
    for (let p = 0; p < 256; p++) {
      for (let c = 1; c < 4; c++) expect(batch[p * 4 + c]).toBe(original[p * 4 + c]);
    }
  });
});
