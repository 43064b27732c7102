/**
 * Differentiable augmentation (DiffAugment, Zhao et al. 2020): the same random
 * transform is applied to real and generated samples before the
 * discriminator, and gradients flow through it to the generator.
 *
 *   color        brightness + U(-0.5, 0.5); saturation x U(0, 2) around the
 *                per-pixel channel mean (RGB only); contrast x U(0.5, 1.5)
 *                around the per-sample mean. Image channels only.
 *   translation  integer shift of up to 1/8 of the side in x and y.
 *   cutout       one square of half the side set to background.
 *
 * Translation and cutout move the image and the mask channels together, so
 * a sample stays a valid image+mask pair. Uncovered pixels take the
 * background value (`backgroundPixel`), not DiffAugment's zero, because zero
 * is mid-grey in [-1, 1] and no class in the mask channels. Random draws come
 * from the trainer's seeded stream; the index and mask arrays are built on
 * the CPU and applied with gather and multiply, whose gradients exist.
 */

import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../core/random';
import type { JointLayout } from '../data/joint';
import type { DiffAugmentPolicy } from '../training/config';
import { backgroundPixel } from './fill';

const TRANSLATION_RATIO = 0.125;
const CUTOUT_RATIO = 0.5;

export function diffAugment(x: tf.Tensor4D, policies: readonly DiffAugmentPolicy[], layout: JointLayout, random: Random): tf.Tensor4D {
  return tf.tidy(() => {
    let y = x;
    if (policies.includes('color')) y = augmentColor(y, layout, random);
    if (policies.includes('translation')) y = translate(y, layout, drawShifts(y.shape[0], layout.side, random));
    if (policies.includes('cutout')) y = cutout(y, layout, drawCutouts(y.shape[0], layout.side, random));
    return y;
  });
}

function perSample(values: number[]): tf.Tensor4D {
  return tf.tensor4d(values, [values.length, 1, 1, 1]);
}

function augmentColor(x: tf.Tensor4D, layout: JointLayout, random: Random): tf.Tensor4D {
  const n = x.shape[0];
  const [image, mask] = tf.split(x, [layout.imageChannels, layout.numClasses], 3);
  let y = tf.add(image, perSample(Array.from({ length: n }, () => random.uniform() - 0.5)));
  if (layout.imageChannels >= 3) {
    const mean = tf.mean(y, 3, true);
    y = tf.add(tf.mul(tf.sub(y, mean), perSample(Array.from({ length: n }, () => random.uniform() * 2))), mean);
  }
  const mean = tf.mean(y, [1, 2, 3], true);
  y = tf.add(tf.mul(tf.sub(y, mean), perSample(Array.from({ length: n }, () => random.uniform() + 0.5))), mean);
  return tf.concat([y, mask], 3) as tf.Tensor4D;
}

export interface Shift {
  dx: number;
  dy: number;
}

function drawShifts(count: number, side: number, random: Random): Shift[] {
  const limit = Math.floor(side * TRANSLATION_RATIO);
  const draw = () => random.integer(2 * limit + 1) - limit;
  return Array.from({ length: count }, () => ({ dx: draw(), dy: draw() }));
}

/** Output pixel (y, x) of sample n takes input pixel (y - dy, x - dx), or background outside the image. */
export function translate(x: tf.Tensor4D, layout: JointLayout, shifts: Shift[]): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const outside = n * h * w;
  const indices = new Int32Array(n * h * w);
  for (let s = 0; s < n; s++) {
    const { dx, dy } = shifts[s];
    for (let row = 0; row < h; row++) {
      for (let col = 0; col < w; col++) {
        const fromRow = row - dy;
        const fromCol = col - dx;
        const inside = fromRow >= 0 && fromRow < h && fromCol >= 0 && fromCol < w;
        indices[(s * h + row) * w + col] = inside ? (s * h + fromRow) * w + fromCol : outside;
      }
    }
  }
  return tf.tidy(() => {
    const fill = tf.tensor1d(backgroundPixel(layout));
    const centred = tf.reshape(tf.sub(x, fill), [outside, c]);
    const withFillRow = tf.concat([centred, tf.zeros([1, c])], 0);
    const moved = tf.gather(withFillRow, tf.tensor1d(indices, 'int32'));
    return tf.add(tf.reshape(moved, [n, h, w, c]), fill) as tf.Tensor4D;
  });
}

export interface CutoutBox {
  /** Top-left corner; the box may extend past the image and is clipped. */
  row: number;
  col: number;
  size: number;
}

function drawCutouts(count: number, side: number, random: Random): CutoutBox[] {
  const size = Math.floor(side * CUTOUT_RATIO);
  // As DiffAugment: the box centre is uniform over the image, so boxes may be clipped at the border.
  return Array.from({ length: count }, () => ({
    row: random.integer(side + 1 - (size % 2)) - Math.floor(size / 2),
    col: random.integer(side + 1 - (size % 2)) - Math.floor(size / 2),
    size,
  }));
}

export function cutout(x: tf.Tensor4D, layout: JointLayout, boxes: CutoutBox[]): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const keep = new Float32Array(n * h * w).fill(1);
  boxes.forEach((box, s) => {
    for (let row = Math.max(0, box.row); row < Math.min(h, box.row + box.size); row++) {
      for (let col = Math.max(0, box.col); col < Math.min(w, box.col + box.size); col++) keep[(s * h + row) * w + col] = 0;
    }
  });
  return tf.tidy(() => {
    const fill = tf.tensor1d(backgroundPixel(layout));
    return tf.add(tf.mul(tf.sub(x, fill), tf.tensor4d(keep, [n, h, w, 1])), fill) as tf.Tensor4D;
  });
}
