/**
 * Classic augmentation of real image+mask samples on the CPU, applied
 * identically to the image and its mask: a horizontal flip (p = 0.5), a
 * rotation of up to 10 degrees and a shift of up to 6% of the side, with an
 * optional intensity jitter of the image alone. Images are resampled
 * bilinearly, mask channels by nearest neighbour so they stay one-hot;
 * pixels from outside take the background value.
 */

import type { Random } from '../../core/random';
import type { JointLayout } from '../data/joint';
import { backgroundPixel } from './fill';

export interface PairedTransform {
  flip: boolean;
  /** Rotation in radians, counter-clockwise about the image centre. */
  angle: number;
  /** Shift in pixels. */
  dx: number;
  dy: number;
  /** Image intensity: value * gain + offset, before clipping to [-1, 1]. */
  gain: number;
  offset: number;
}

export const MAX_ROTATION = (10 * Math.PI) / 180;
export const MAX_SHIFT = 0.06;

export function drawPairedTransform(side: number, random: Random, intensityJitter = false): PairedTransform {
  return {
    flip: random.uniform() < 0.5,
    angle: (2 * random.uniform() - 1) * MAX_ROTATION,
    dx: (2 * random.uniform() - 1) * MAX_SHIFT * side,
    dy: (2 * random.uniform() - 1) * MAX_SHIFT * side,
    gain: intensityJitter ? 0.9 + 0.2 * random.uniform() : 1,
    offset: intensityJitter ? 0.2 * random.uniform() - 0.1 : 0,
  };
}

/** Transforms sample `index` of a joint batch `[N, S, S, C]` in place. */
export function applyPairedTransform(batch: Float32Array, layout: JointLayout, index: number, transform: PairedTransform): void {
  const { side, imageChannels } = layout;
  const channels = imageChannels + layout.numClasses;
  const size = side * side * channels;
  const source = batch.slice(index * size, (index + 1) * size);
  const target = batch.subarray(index * size, (index + 1) * size);
  const fill = backgroundPixel(layout);
  const centre = (side - 1) / 2;
  const cos = Math.cos(transform.angle);
  const sin = Math.sin(transform.angle);

  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      // Inverse map: undo the shift, then the rotation, then the flip.
      const u = col - centre - transform.dx;
      const v = row - centre - transform.dy;
      let x = cos * u + sin * v + centre;
      const y = -sin * u + cos * v + centre;
      if (transform.flip) x = side - 1 - x;
      const out = (row * side + col) * channels;
      sampleImage(source, side, channels, imageChannels, x, y, fill, target, out, transform);
      sampleMask(source, side, channels, imageChannels, x, y, fill, target, out);
    }
  }
}

function sampleImage(
  source: Float32Array,
  side: number,
  channels: number,
  imageChannels: number,
  x: number,
  y: number,
  fill: Float32Array,
  target: Float32Array,
  out: number,
  transform: PairedTransform,
): void {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  for (let c = 0; c < imageChannels; c++) {
    const at = (yy: number, xx: number) => (yy >= 0 && yy < side && xx >= 0 && xx < side ? source[(yy * side + xx) * channels + c] : fill[c]);
    const top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx;
    const bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx;
    const value = (top * (1 - fy) + bottom * fy) * transform.gain + transform.offset;
    target[out + c] = Math.max(-1, Math.min(1, value));
  }
}

function sampleMask(
  source: Float32Array,
  side: number,
  channels: number,
  imageChannels: number,
  x: number,
  y: number,
  fill: Float32Array,
  target: Float32Array,
  out: number,
): void {
  const xx = Math.round(x);
  const yy = Math.round(y);
  const inside = yy >= 0 && yy < side && xx >= 0 && xx < side;
  const from = (yy * side + xx) * channels;
  for (let c = imageChannels; c < channels; c++) target[out + c] = inside ? source[from + c] : fill[c];
}
