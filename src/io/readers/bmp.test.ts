import { describe, expect, it } from 'vitest';

import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

interface BmpImage {
  width: number;
  height: number;
  bitCount: 1 | 4 | 8 | 16 | 24 | 32;
  /** Pixel values in stored form (palette index or packed pixel), top row first. */
  pixels: number[];
  /** Palette entries as [r, g, b]. */
  palette?: Array<[number, number, number]>;
  topDown?: boolean;
  compression?: number;
  /** BI_BITFIELDS masks [r, g, b] (and a, written with a 56-byte V3 header). */
  masks?: number[];
}

/** Writes a BMP with a BITMAPINFOHEADER (40 bytes) or, for four masks, a V3 header (56 bytes). */
function encodeBmp(image: BmpImage): Uint8Array {
  const { width, height, bitCount } = image;
  const dibSize = image.masks?.length === 4 ? 56 : 40;
  const maskBytes = image.masks && dibSize === 40 ? 12 : 0;
  const palette = image.palette ?? [];
  const stride = Math.floor((bitCount * width + 31) / 32) * 4;
  const dataOffset = 14 + dibSize + maskBytes + 4 * palette.length;
  const bytes = new Uint8Array(dataOffset + stride * height);
  const view = new DataView(bytes.buffer);

  bytes.set([0x42, 0x4d], 0);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, dataOffset, true);
  view.setUint32(14, dibSize, true);
  view.setInt32(18, width, true);
  view.setInt32(22, image.topDown ? -height : height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bitCount, true);
  view.setUint32(30, image.compression ?? (image.masks ? 3 : 0), true);
  view.setUint32(46, palette.length, true);
  image.masks?.forEach((mask, i) => view.setUint32(54 + 4 * i, mask, true));
  palette.forEach(([r, g, b], i) => bytes.set([b, g, r, 0], 14 + dibSize + maskBytes + 4 * i));

  for (let y = 0; y < height; y++) {
    const row = dataOffset + stride * (image.topDown ? y : height - 1 - y);
    for (let x = 0; x < width; x++) {
      const value = image.pixels[y * width + x];
      if (bitCount < 8) {
        const bit = x * bitCount;
        bytes[row + (bit >> 3)] |= value << (8 - bitCount - (bit & 7));
      } else {
        for (let b = 0; b < bitCount / 8; b++) bytes[row + (x * bitCount) / 8 + b] = (value >>> (8 * b)) & 0xff;
      }
    }
  }
  return bytes;
}

const colours: Array<[number, number, number]> = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [10, 20, 30],
];

describe('BMP reader', () => {
  it('24-bit bottom-up with row padding', async () => {
    const pixels = [0x0000ff, 0x00ff00, 0xff0000, 0x102030, 0x405060, 0x708090];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 3, height: 2, bitCount: 24, pixels }));
    expect(volume.format).toBe('bmp');
    expect(volume.dims).toEqual([3, 2, 1]);
    expect(volume.channels).toBe(3);
    // Stored BGR: 0x0000ff is blue in the low byte, so it reads as red 0, green 0, blue 255.
    expect([0, 1, 2].map((c) => voxelAt(volume, 0, 0, 0, 0, c))).toEqual([0, 0, 255]);
    expect([0, 1, 2].map((c) => voxelAt(volume, 2, 1, 0, 0, c))).toEqual([0x70, 0x80, 0x90]);
  });

  it('24-bit top-down', async () => {
    const pixels = [0x112233, 0x445566];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 1, height: 2, bitCount: 24, pixels, topDown: true }));
    expect(Array.from(volume.data)).toEqual([0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
  });

  it('32-bit BI_RGB ignores fourth byte', async () => {
    const pixels = [0x7f112233, 0x00445566];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 2, height: 1, bitCount: 32, pixels }));
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual([0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
  });

  it('16-bit default 5-5-5', async () => {
    const pixels = [(31 << 10) | (0 << 5) | 16, (0 << 10) | (31 << 5) | 0];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 2, height: 1, bitCount: 16, pixels }));
    expect(Array.from(volume.data)).toEqual([255, 0, Math.round((16 * 255) / 31), 0, 255, 0]);
  });

  it('16-bit BI_BITFIELDS 5-6-5', async () => {
    const masks = [0xf800, 0x07e0, 0x001f];
    const pixels = [(31 << 11) | (32 << 5) | 0, (0 << 11) | (63 << 5) | 31];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 2, height: 1, bitCount: 16, pixels, masks }));
    expect(Array.from(volume.data)).toEqual([255, Math.round((32 * 255) / 63), 0, 0, 255, 255]);
  });

  it('32-bit BI_BITFIELDS with alpha', async () => {
    const masks = [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000];
    const pixels = [0x80102030, 0xff405060];
    const volume = await readBytes('a.bmp', encodeBmp({ width: 2, height: 1, bitCount: 32, pixels, masks }));
    expect(volume.channels).toBe(4);
    expect(Array.from(volume.data)).toEqual([0x10, 0x20, 0x30, 0x80, 0x40, 0x50, 0x60, 0xff]);
  });

  it('8-bit palette', async () => {
    const volume = await readBytes('a.bmp', encodeBmp({ width: 3, height: 1, bitCount: 8, pixels: [3, 0, 2], palette: colours }));
    expect(Array.from(volume.data)).toEqual([10, 20, 30, 255, 0, 0, 0, 0, 255]);
  });

  it('4-bit palette odd width', async () => {
    const volume = await readBytes('a.bmp', encodeBmp({ width: 3, height: 2, bitCount: 4, pixels: [0, 1, 2, 3, 2, 1], palette: colours }));
    expect([0, 1, 2].map((c) => voxelAt(volume, 2, 0, 0, 0, c))).toEqual([0, 0, 255]);
    expect([0, 1, 2].map((c) => voxelAt(volume, 0, 1, 0, 0, c))).toEqual([10, 20, 30]);
  });

  it('1-bit gray palette gives one channel', async () => {
    const pixels = [1, 0, 0, 1, 1, 1, 0, 0, 1, 0];
    const volume = await readBytes('mask.bmp', encodeBmp({ width: 10, height: 1, bitCount: 1, pixels, palette: [[0, 0, 0], [255, 255, 255]] }));
    expect(volume.channels).toBe(1);
    expect(Array.from(volume.data)).toEqual(pixels.map((p) => p * 255));
  });

  it('rejects RLE compression', async () => {
    const bmp = encodeBmp({ width: 2, height: 1, bitCount: 8, pixels: [0, 1], palette: colours, compression: 1 });
    const error = await labErrorOf(() => readBytes('rle.bmp', bmp));
    expect(error.code).toBe('unsupported-format');
    expect(error.problem).toContain('BI_RLE8');
    expect(error.hint).toContain('uncompressed');
  });

  it('rejects file cut short', async () => {
    const bmp = encodeBmp({ width: 8, height: 8, bitCount: 24, pixels: new Array(64).fill(0x123456) });
    const error = await labErrorOf(() => readBytes('cut.bmp', bmp.subarray(0, bmp.length - 10)));
    expect(error.code).toBe('truncated-file');
  });

  it('rejects index beyond palette', async () => {
    const bmp = encodeBmp({ width: 2, height: 1, bitCount: 8, pixels: [0, 9], palette: colours });
    const error = await labErrorOf(() => readBytes('bad.bmp', bmp));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('palette index 9');
  });
});
