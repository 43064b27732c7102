/**
 * Classic augmentation of a segmentation batch on the CPU. Each pair goes
 * through the joint image+mask encoding so that the GAN's paired
 * augmentation transforms image and label map with one draw: flip, rotation,
 * shift (mask by nearest neighbour) and intensity jitter of the image.
 */

import type { Random } from '../../core/random';
import { applyPairedTransform, drawPairedTransform } from '../augment/paired-augment';
import { decodeJointSample, encodeJointSample, jointPixelChannels, type JointLayout } from '../data/joint';
import type { SegmentationBatch } from './source';

/** Transforms the `count` pairs of `batch` in place, drawing from `random`. */
export function augmentBatch(batch: SegmentationBatch, count: number, layout: JointLayout, random: Random): void {
  const pixels = layout.side * layout.side;
  const imageLength = pixels * layout.imageChannels;
  const joint = new Float32Array(pixels * jointPixelChannels(layout));
  for (let i = 0; i < count; i++) {
    const image = batch.images.subarray(i * imageLength, (i + 1) * imageLength);
    const classIds = batch.classIds.subarray(i * pixels, (i + 1) * pixels);
    encodeJointSample(image, classIds, layout, joint, 0);
    applyPairedTransform(joint, layout, 0, drawPairedTransform(layout.side, random, true));
    const transformed = decodeJointSample(joint, layout, 0);
    image.set(transformed.image);
    classIds.set(transformed.classIds);
  }
}
