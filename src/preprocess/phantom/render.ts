/**
 * Rendering of phantom slices: supersampled tissue signal (so edges are
 * anti-aliased), a smooth multiplicative coil bias field, and Rician noise,
 * the distribution of magnitude MR images: |s + n1 + i n2| with n1, n2
 * independent N(0, sigma^2).
 */

import type { Random } from '../../core/random';
import { TISSUE_LABEL, TISSUE_SIGNAL, tissueAt, type SliceGeometry } from './anatomy';

export interface RenderedSlice {
  /** Raw signal `[size, size]`, row-major. */
  signal: Float32Array;
  /** ACDC labels `[size, size]` of the tissue at each pixel centre. */
  labels: Uint8Array;
}

/** Low-order smooth field b(x, y) = exp(a1 x + a2 y + a3 x y + a4 (x^2 - y^2)). */
export interface BiasField {
  a: [number, number, number, number];
}

export function drawBiasField(random: Random): BiasField {
  return { a: [0.15 * random.normal(), 0.15 * random.normal(), 0.1 * random.normal(), 0.1 * random.normal()] };
}

/** Subsamples per pixel side: 4 x 4 up to 64 px, fewer above to keep 256 px fast. */
export function supersampling(size: number): number {
  if (size <= 64) return 4;
  if (size <= 128) return 3;
  return 2;
}

export function renderSlice(
  geometry: SliceGeometry,
  size: number,
  contrast: Float32Array,
  bias: BiasField,
  noiseSigma: number,
  random: Random,
): RenderedSlice {
  const signal = new Float32Array(size * size);
  const labels = new Uint8Array(size * size);
  const sub = supersampling(size);
  const step = 2 / size;
  const [a1, a2, a3, a4] = bias.a;

  for (let row = 0; row < size; row++) {
    const y = -1 + (row + 0.5) * step;
    for (let column = 0; column < size; column++) {
      const x = -1 + (column + 0.5) * step;
      labels[row * size + column] = TISSUE_LABEL[tissueAt(geometry, x, y)];

      // Average the signal over sub x sub points spread evenly over the pixel.
      let sum = 0;
      for (let i = 0; i < sub; i++) {
        const sy = y + ((i + 0.5) / sub - 0.5) * step;
        for (let j = 0; j < sub; j++) {
          const sx = x + ((j + 0.5) / sub - 0.5) * step;
          const tissue = tissueAt(geometry, sx, sy);
          sum += TISSUE_SIGNAL[tissue] * contrast[tissue];
        }
      }
      const clean = (sum / (sub * sub)) * Math.exp(a1 * x + a2 * y + a3 * x * y + a4 * (x * x - y * y));
      const real = clean + noiseSigma * random.normal();
      const imaginary = noiseSigma * random.normal();
      signal[row * size + column] = Math.sqrt(real * real + imaginary * imaginary);
    }
  }
  return { signal, labels };
}
