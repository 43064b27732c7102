import { describe, expect, test } from 'vitest';
import { LabError } from '../../core/errors';
import type { TrainingSet } from '../data/training-set';
import { concatSources, memorySource } from './source';

/** `count` 16x16 slices whose every pixel contains `first + n` (image) and `(first + n) % 3` (class id). */
function numbered(count: number, first: number): TrainingSet {
  const pixels = 256;
  const images = new Float32Array(count * pixels);
  const classIds = new Uint8Array(count * pixels);
  for (let n = 0; n < count; n++) {
    images.fill(first + n, n * pixels, (n + 1) * pixels);
    classIds.fill((first + n) % 3, n * pixels, (n + 1) * pixels);
  }
  return { count, side: 16, imageChannels: 1, numClasses: 3, images, classIds };
}

describe('segmentation sources', () => {
  test('memory source gathers in request order', async () => {
    const batch = await memorySource(numbered(4, 0)).batch([3, 0, 3]);
    expect([batch.images[0], batch.images[256], batch.images[512]]).toEqual([3, 0, 3]);
    expect([batch.classIds[0], batch.classIds[256], batch.classIds[767]]).toEqual([0, 0, 0]);
    expect(batch.images).toHaveLength(3 * 256);
  });

  test('memory source returns copies', async () => {
    const set = numbered(2, 5);
    const batch = await memorySource(set).batch([1]);
    batch.images[0] = -1;
    expect(set.images[256]).toBe(6);
  });

  test('concatenation maps indices to both sets', async () => {
    const joined = concatSources(memorySource(numbered(2, 0)), memorySource(numbered(3, 100)));
    expect(joined.count).toBe(5);
    const batch = await joined.batch([4, 0, 2, 1]);
    expect([0, 1, 2, 3].map((i) => batch.images[i * 256])).toEqual([102, 0, 100, 1]);
    expect([0, 1, 2, 3].map((i) => batch.classIds[i * 256])).toEqual([0, 0, 1, 1]);
  });

  test('concatenation of different layouts is rejected', () => {
    const other = { ...numbered(1, 0), numClasses: 4 };
    expect(() => concatSources(memorySource(numbered(1, 0)), memorySource(other))).toThrow(LabError);
  });

  test('index out of range is rejected', async () => {
    await expect(memorySource(numbered(2, 0)).batch([2])).rejects.toThrow(/slice index 2 is outside 0..1/);
  });
});
