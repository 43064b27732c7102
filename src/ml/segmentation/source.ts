/**
 * Sources of a U-Net's training or test slices. A source gathers the
 * slices a batch requests, so a set can live in memory, in IndexedDB or be
 * joined from several sets (real and synthetic) without being copied whole.
 */

import { LabError } from '../../core/errors';
import type { TrainingSet } from '../data/training-set';

export interface SegmentationBatch {
  /** `[indices.length, side, side, imageChannels]` in [-1, 1]. */
  images: Float32Array;
  /** `[indices.length, side, side]` class ids 0..numClasses-1. */
  classIds: Uint8Array;
}

export interface SegmentationSource {
  /** Slices in the source, addressed as 0..count-1. */
  readonly count: number;
  readonly side: number;
  readonly imageChannels: number;
  /** Classes, background included. */
  readonly numClasses: number;
  /** Gathers the slices at `indices`, in that order, into fresh arrays that the caller may modify. */
  batch(indices: readonly number[]): Promise<SegmentationBatch>;
}

/** Wraps a training set held in memory as a source. */
export function memorySource(set: TrainingSet): SegmentationSource {
  const pixels = set.side * set.side;
  const imageLength = pixels * set.imageChannels;
  return {
    count: set.count,
    side: set.side,
    imageChannels: set.imageChannels,
    numClasses: set.numClasses,
    async batch(indices) {
      const images = new Float32Array(indices.length * imageLength);
      const classIds = new Uint8Array(indices.length * pixels);
      indices.forEach((index, i) => {
        checkIndex(index, set.count);
        images.set(set.images.subarray(index * imageLength, (index + 1) * imageLength), i * imageLength);
        classIds.set(set.classIds.subarray(index * pixels, (index + 1) * pixels), i * pixels);
      });
      return { images, classIds };
    },
  };
}

/**
 * Slices of `first` followed by those of `second`: index i < first.count is
 * slice i of `first`, index i >= first.count is slice i - first.count of `second`.
 */
export function concatSources(first: SegmentationSource, second: SegmentationSource): SegmentationSource {
  checkSameLayout(first, second);
  const pixels = first.side * first.side;
  const imageLength = pixels * first.imageChannels;
  const count = first.count + second.count;
  return {
    count,
    side: first.side,
    imageChannels: first.imageChannels,
    numClasses: first.numClasses,
    async batch(indices) {
      for (const index of indices) checkIndex(index, count);
      const inFirst = indices.filter((index) => index < first.count);
      const inSecond = indices.filter((index) => index >= first.count).map((index) => index - first.count);
      const [a, b] = await Promise.all([first.batch(inFirst), second.batch(inSecond)]);

      // Put each slice back at the position its index had in the request.
      const images = new Float32Array(indices.length * imageLength);
      const classIds = new Uint8Array(indices.length * pixels);
      let nextA = 0;
      let nextB = 0;
      indices.forEach((index, i) => {
        const [from, at] = index < first.count ? [a, nextA++] : [b, nextB++];
        images.set(from.images.subarray(at * imageLength, (at + 1) * imageLength), i * imageLength);
        classIds.set(from.classIds.subarray(at * pixels, (at + 1) * pixels), i * pixels);
      });
      return { images, classIds };
    },
  };
}

function checkSameLayout(first: SegmentationSource, second: SegmentationSource): void {
  const describe = (source: SegmentationSource) => `${source.side} x ${source.side}, ${source.imageChannels} image channels, ${source.numClasses} classes`;
  if (first.side === second.side && first.imageChannels === second.imageChannels && first.numClasses === second.numClasses) return;
  throw new LabError('shape-mismatch', `cannot join slice sets of ${describe(first)} and ${describe(second)}`, {
    hint: 'Join sets of the same slice size, image channels and classes, for example a dataset and samples of a GAN trained on it.',
  });
}

function checkIndex(index: number, count: number): void {
  if (Number.isInteger(index) && index >= 0 && index < count) return;
  throw new LabError('invalid-argument', `slice index ${index} is outside 0..${count - 1}`);
}
