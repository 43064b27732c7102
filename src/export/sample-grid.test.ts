import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';

import { CLASS_COLOURS } from '../components/slice-render';
import { encodeJointSample, jointPixelChannels, type JointLayout } from '../ml/data/joint';
import { labErrorOf } from '../testing/lab-error';
import { sampleGridPng, sliceGridPng } from './sample-grid';

const layout: JointLayout = { side: 4, imageChannels: 1, numClasses: 3 };

/** Joint samples whose image is the constant `values[i]` and whose mask is background except pixel 0, class `i % 3`. */
function jointGrid(values: number[]): Float32Array {
  const { side } = layout;
  const grid = new Float32Array(values.length * side * side * jointPixelChannels(layout));
  values.forEach((value, i) => {
    const classIds = new Uint8Array(side * side);
    classIds[0] = i % 3;
    encodeJointSample(new Float32Array(side * side).fill(value), classIds, layout, grid, i);
  });
  return grid;
}

/** RGBA of pixel (x, y) of a decoded PNG. */
function pixel(png: ReturnType<typeof decode>, x: number, y: number): number[] {
  const at = (y * png.width + x) * 4;
  return Array.from(png.data.subarray(at, at + 4));
}

describe('sampleGridPng', () => {
  it('16 samples make a 4 x 4 mosaic', () => {
    const values = Array.from({ length: 16 }, (_, i) => -1 + (2 * i) / 15);
    const png = decode(sampleGridPng(jointGrid(values), layout));
    expect([png.width, png.height, png.channels, png.depth]).toEqual([16, 16, 4, 8]);
    for (let i = 0; i < 16; i++) {
      const gray = Math.round((values[i] + 1) * 127.5);
      // Pixel (1, 1) of each tile is background, so it shows the image alone.
      expect(pixel(png, (i % 4) * 4 + 1, Math.floor(i / 4) * 4 + 1)).toEqual([gray, gray, gray, 255]);
    }
  });

  it('masks are overlaid in class colours', () => {
    const png = decode(sampleGridPng(jointGrid([-1, -1]), layout));
    const [r, g, b] = CLASS_COLOURS[0];
    // Sample 1 has class 1 at pixel 0: black blended 45 % towards the class colour.
    expect(pixel(png, 4, 0)).toEqual([Math.round(r * 0.45), Math.round(g * 0.45), Math.round(b * 0.45), 255]);
    expect(pixel(png, 0, 0)).toEqual([0, 0, 0, 255]);
  });

  it('last row is padded transparent', () => {
    const png = decode(sampleGridPng(jointGrid([0, 0, 0, 0, 0]), layout, 3));
    expect([png.width, png.height]).toEqual([12, 8]);
    expect(pixel(png, 5, 5)).toEqual([128, 128, 128, 255]);
    expect(pixel(png, 9, 5)).toEqual([0, 0, 0, 0]);
  });

  it('few samples narrow the mosaic', () => {
    const png = decode(sampleGridPng(jointGrid([0, 0]), layout));
    expect([png.width, png.height]).toEqual([8, 4]);
  });

  it('rejects a partial sample', async () => {
    const error = await labErrorOf(async () => sampleGridPng(new Float32Array(10), layout));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('contains 10 values');
  });

  it('rejects zero columns', async () => {
    const error = await labErrorOf(async () => sampleGridPng(jointGrid([0]), layout, 0));
    expect(error.code).toBe('invalid-argument');
    expect(error.field).toBe('columns');
  });
});

describe('sliceGridPng', () => {
  it('RGB slices without masks', () => {
    const side = 2;
    const red = new Float32Array(side * side * 3).map((_, i) => (i % 3 === 0 ? 1 : -1));
    const blue = new Float32Array(side * side * 3).map((_, i) => (i % 3 === 2 ? 1 : -1));
    const png = decode(sliceGridPng([{ side, image: red, channels: 3, classIds: null }, { side, image: blue, channels: 3, classIds: null }]));
    expect([png.width, png.height]).toEqual([4, 2]);
    expect(pixel(png, 1, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(png, 2, 0)).toEqual([0, 0, 255, 255]);
  });

  it('rejects slices of two sides', async () => {
    const slice = (side: number) => ({ side, image: new Float32Array(side * side), channels: 1, classIds: null });
    const error = await labErrorOf(async () => sliceGridPng([slice(2), slice(3)]));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('slice 1 has side 3, slice 0 has 2');
  });

  it('rejects an empty list', async () => {
    expect((await labErrorOf(async () => sliceGridPng([]))).code).toBe('empty-dataset');
  });
});
