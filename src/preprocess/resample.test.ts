import { describe, expect, it } from 'vitest';
import reference from '../../scripts/reference/resize-reference.json';
import { resizeImage, resizeNearest, triangleWeights } from './resample';

/** Builds the test pattern of scripts/reference/resize_reference.py, `[height, width, channels]`. */
function pattern(width: number, height: number, channels: number): Float32Array {
  const out = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        const stripes = ((x * 37 + y * 91 + c * 17) % 97) / 97 - 0.5;
        const checks = ((x * y + c) % 13) / 26;
        const bowl = ((x - width / 2) ** 2 + (y - height / 2) ** 2) / (width * height);
        out[(y * width + x) * channels + c] = stripes + checks + bowl;
      }
    }
  }
  return out;
}

describe('resizeImage', () => {
  for (const item of reference.resize) {
    const name = `${item.width}x${item.height}x${item.channels} to ${item.outWidth}x${item.outHeight}`;
    it(`matches Pillow ${name}`, () => {
      const source = pattern(item.width, item.height, item.channels);
      const output = resizeImage(source, item.width, item.height, item.channels, item.outWidth, item.outHeight);

      expect(output.length).toBe(item.output.length);
      let worst = 0;
      for (let i = 0; i < output.length; i++) worst = Math.max(worst, Math.abs(output[i] - item.output[i]));
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('averages when downscaling', () => {
    // Scale 2: output 0 centres at 1 with weights 0.75, 0.75, 0.25 (sum 1.75) on inputs 0, 1, 2.
    const output = resizeImage(new Float32Array([0, 1, 2, 3]), 4, 1, 1, 2, 1);
    expect(output[0]).toBeCloseTo(1.25 / 1.75, 6);
    expect(output[1]).toBeCloseTo((0.25 * 1 + 0.75 * 2 + 0.75 * 3) / 1.75, 6);
  });

  it('is bilinear when upscaling', () => {
    const output = resizeImage(new Float32Array([0, 1]), 2, 1, 1, 4, 1);
    expect(Array.from(output)).toEqual([0, 0.25, 0.75, 1]);
  });

  it('keeps a constant image', () => {
    const output = resizeImage(new Float32Array(50 * 30).fill(-0.5), 50, 30, 1, 32, 32);
    for (const value of output) expect(value).toBeCloseTo(-0.5, 6);
  });

  it('resizes interleaved channels alike', () => {
    // Channel c of a 2-channel resize equals the 1-channel resize of channel c.
    const both = pattern(30, 17, 2);
    const output = resizeImage(both, 30, 17, 2, 8, 8);
    for (let c = 0; c < 2; c++) {
      const plane = both.filter((_, i) => i % 2 === c);
      const single = resizeImage(plane, 30, 17, 1, 8, 8);
      single.forEach((value, i) => expect(output[i * 2 + c]).toBeCloseTo(value, 6));
    }
  });

  it('weights sum to one', () => {
    const { count, weights, taps } = triangleWeights(288, 32);
    for (let i = 0; i < 32; i++) {
      let sum = 0;
      for (let k = 0; k < count[i]; k++) sum += weights[i * taps + k];
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});

describe('resizeNearest', () => {
  it('samples pixel centres', () => {
    // Scale 3: outputs read inputs floor(1.5), floor(4.5) = 1, 4.
    const row = Uint8Array.from([0, 1, 2, 3, 4, 5]);
    expect(Array.from(resizeNearest(row, 6, 1, 2, 1))).toEqual([1, 4]);
  });

  it('keeps only existing labels', () => {
    const width = 173;
    const height = 211;
    const labels = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) labels[y * width + x] = [0, 2, 7, 200][(x * 3 + y * 5) % 4];
    }
    for (const size of [32, 64, 128, 256]) {
      const values = new Set(resizeNearest(labels, width, height, size, size));
      for (const value of values) expect([0, 2, 7, 200]).toContain(value);
    }
  });

  it('upscales by repetition', () => {
    const output = resizeNearest(Uint8Array.from([1, 2, 3, 4]), 2, 2, 4, 4);
    expect(Array.from(output)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
});
