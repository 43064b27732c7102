import { describe, expect, test } from 'vitest';
import { Random } from '../../core/random';
import { tinyTrainingSet } from '../testing/tiny';
import { augmentBatch } from './augment';

describe('segmentation batch augmentation', () => {
  test('image and mask move together', () => {
    const set = tinyTrainingSet(6);
    const batch = { images: set.images.slice(), classIds: set.classIds.slice() };
    augmentBatch(batch, set.count, set, new Random(3));

    expect(Array.from(batch.images)).not.toEqual(Array.from(set.images));
    let changedLabels = 0;
    for (let p = 0; p < batch.classIds.length; p++) {
      expect(batch.classIds[p]).toBeLessThan(2);
      if (batch.classIds[p] !== set.classIds[p]) changedLabels += 1;
      // The squares are bright (~0.6) on a dark background (~-0.8). After the
      // same warp, clearly bright pixels must still carry class 1.
      if (batch.images[p] > 0.4) expect(batch.classIds[p], `pixel ${p}`).toBe(1);
      if (batch.images[p] < -0.5) expect(batch.classIds[p], `pixel ${p}`).toBe(0);
    }
    expect(changedLabels).toBeGreaterThan(0);
  });

  test('same seed gives the same batch', () => {
    const set = tinyTrainingSet(2);
    const a = { images: set.images.slice(), classIds: set.classIds.slice() };
    const b = { images: set.images.slice(), classIds: set.classIds.slice() };
    augmentBatch(a, 2, set, new Random(8));
    augmentBatch(b, 2, set, new Random(8));
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    expect(Array.from(a.classIds)).toEqual(Array.from(b.classIds));
  });
});
