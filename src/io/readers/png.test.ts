import { encode as encodePng } from 'fast-png';
import { describe, expect, it } from 'vitest';

import { crc32 } from '../crc32';
import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

/** Packs 1-, 2- or 4-bit samples into rows padded to whole bytes, most significant bits first. */
function packRows(values: number[], width: number, depth: number): Uint8Array {
  const rowBytes = Math.ceil((width * depth) / 8);
  const height = values.length / width;
  const out = new Uint8Array(rowBytes * height);
  values.forEach((value, i) => {
    const y = Math.floor(i / width);
    const bit = (i % width) * depth;
    out[y * rowBytes + (bit >> 3)] |= value << (8 - depth - (bit & 7));
  });
  return out;
}

/** Rewrites the CRC of the chunk starting at `offset` after a test changed its bytes. */
function fixCrc(png: Uint8Array, offset: number): void {
  const view = new DataView(png.buffer, png.byteOffset);
  const length = view.getUint32(offset);
  view.setUint32(offset + 8 + length, crc32(png.subarray(offset + 4, offset + 8 + length)));
}

describe('PNG reader', () => {
  it('8-bit gray', async () => {
    const png = encodePng({ width: 3, height: 2, data: Uint8Array.of(0, 1, 2, 100, 200, 255), channels: 1, depth: 8 });
    const volume = await readBytes('a.png', png);
    expect(volume.format).toBe('png');
    expect(volume.dims).toEqual([3, 2, 1]);
    expect(volume.channels).toBe(1);
    expect(volume.dtype).toBe('uint8');
    expect(voxelAt(volume, 0, 1)).toBe(100);
    expect(voxelAt(volume, 2, 1)).toBe(255);
  });

  it('16-bit gray keeps values', async () => {
    const data = Uint16Array.of(0, 257, 255, 65535, 8007, 40207);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 3, data, channels: 1, depth: 16 }));
    expect(volume.dtype).toBe('uint16');
    expect(Array.from(volume.data)).toEqual(Array.from(data));
  });

  it('16-bit RGB keeps values', async () => {
    const data = Uint16Array.of(1, 2, 3, 60000, 50000, 40000);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 3, depth: 16 }));
    expect(volume.dtype).toBe('uint16');
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual(Array.from(data));
  });

  it('RGB stays three channels', async () => {
    const data = Uint8Array.of(10, 20, 30, 40, 50, 60);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 3, depth: 8 }));
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual(Array.from(data));
  });

  it('RGB with R=G=B becomes gray', async () => {
    const data = Uint8Array.of(7, 7, 7, 99, 99, 99);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 3, depth: 8 }));
    expect(volume.channels).toBe(1);
    expect(Array.from(volume.data)).toEqual([7, 99]);
  });

  it('RGBA keeps used alpha', async () => {
    const data = Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 0);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 4, depth: 8 }));
    expect(volume.channels).toBe(4);
    expect(Array.from(volume.data)).toEqual(Array.from(data));
  });

  it('RGBA drops opaque alpha', async () => {
    const data = Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 255);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 4, depth: 8 }));
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('gray with alpha', async () => {
    const data = Uint8Array.of(10, 255, 20, 128);
    const volume = await readBytes('a.png', encodePng({ width: 2, height: 1, data, channels: 2, depth: 8 }));
    expect(volume.channels).toBe(2);
    expect(Array.from(volume.data)).toEqual([10, 255, 20, 128]);
  });

  it('1-bit mask reads 0 and 1', async () => {
    const values = [1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1];
    const png = encodePng({ width: 10, height: 2, data: packRows(values, 10, 1), channels: 1, depth: 1 });
    const volume = await readBytes('mask.png', png);
    expect(volume.dtype).toBe('uint8');
    expect(Array.from(volume.data)).toEqual(values);
  });

  for (const depth of [2, 4]) {
    it(`${depth}-bit gray unpacks`, async () => {
      const max = (1 << depth) - 1;
      const values = Array.from({ length: 15 }, (_, i) => i % (max + 1));
      const png = encodePng({ width: 5, height: 3, data: packRows(values, 5, depth), channels: 1, depth: depth as 2 | 4 });
      expect(Array.from((await readBytes('a.png', png)).data)).toEqual(values);
    });
  }

  it('colour palette becomes RGB', async () => {
    const palette = [[255, 0, 0], [0, 255, 0], [0, 0, 255]];
    const png = encodePng({ width: 3, height: 1, data: Uint8Array.of(2, 0, 1), channels: 1, depth: 8, palette });
    const volume = await readBytes('a.png', png);
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual([0, 0, 255, 255, 0, 0, 0, 255, 0]);
  });

  it('gray palette becomes one channel', async () => {
    const palette = [[0, 0, 0], [255, 255, 255]];
    const png = encodePng({ width: 4, height: 1, data: packRows([0, 1, 1, 0], 4, 1), channels: 1, depth: 1, palette });
    const volume = await readBytes('a.png', png);
    expect(volume.channels).toBe(1);
    expect(Array.from(volume.data)).toEqual([0, 255, 255, 0]);
  });

  it('palette with tRNS becomes RGBA', async () => {
    const palette = [[10, 20, 30, 0], [40, 50, 60, 255]];
    const png = encodePng({ width: 2, height: 1, data: Uint8Array.of(0, 1), channels: 1, depth: 8, palette });
    const volume = await readBytes('a.png', png);
    expect(volume.channels).toBe(4);
    expect(Array.from(volume.data)).toEqual([10, 20, 30, 0, 40, 50, 60, 255]);
  });

  it('Adam7 interlaced 8-bit', async () => {
    const data = Uint8Array.from({ length: 9 * 9 }, (_, i) => (i * 7) % 256);
    const png = encodePng({ width: 9, height: 9, data, channels: 1, depth: 8 }, { interlace: 'Adam7' });
    expect(Array.from((await readBytes('a.png', png)).data)).toEqual(Array.from(data));
  });

  it('rejects interlaced 1-bit', async () => {
    const png = encodePng({ width: 8, height: 1, data: Uint8Array.of(0xaa), channels: 1, depth: 1 });
    png[8 + 8 + 12] = 1;
    fixCrc(png, 8);
    const error = await labErrorOf(() => readBytes('a.png', png));
    expect(error.code).toBe('unsupported-format');
    expect(error.hint).toContain('without interlacing');
  });

  it('rejects broken CRC', async () => {
    const png = encodePng({ width: 2, height: 1, data: Uint8Array.of(1, 2), channels: 1, depth: 8 });
    png[png.length - 20] ^= 0xff;
    const error = await labErrorOf(() => readBytes('crc.png', png));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('CRC');
    expect(error.file).toBe('crc.png');
  });

  it('rejects file cut short', async () => {
    const png = encodePng({ width: 16, height: 16, data: new Uint8Array(256).fill(9), channels: 1, depth: 8 });
    const error = await labErrorOf(() => readBytes('cut.png', png.subarray(0, png.length - 20)));
    expect(error.code).toBe('truncated-file');
    expect(error.file).toBe('cut.png');
  });
});
