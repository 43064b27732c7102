import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';

import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

/** RGBA pixels of a smooth colour gradient, which JPEG at quality 100 reproduces within a few levels. */
function gradient(width: number, height: number, gray: boolean): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const level = 40 + 4 * x + 2 * y;
      data.set(gray ? [level, level, level, 255] : [level, 200 - 3 * y, 100, 255], i);
    }
  }
  return data;
}

function jpegOf(width: number, height: number, gray: boolean): Uint8Array {
  const encoded = encodeJpeg({ width, height, data: gradient(width, height, gray) }, 100).data;
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

describe('JPEG reader', () => {
  it('colour image as RGB', async () => {
    const volume = await readBytes('a.jpg', jpegOf(32, 16, false));
    expect(volume.format).toBe('jpeg');
    expect(volume.dims).toEqual([32, 16, 1]);
    expect(volume.channels).toBe(3);
    expect(volume.dtype).toBe('uint8');
    for (const [x, y] of [[0, 0], [31, 15], [10, 7]]) {
      expect(Math.abs(voxelAt(volume, x, y, 0, 0, 0) - (40 + 4 * x + 2 * y))).toBeLessThanOrEqual(3);
      expect(Math.abs(voxelAt(volume, x, y, 0, 0, 1) - (200 - 3 * y))).toBeLessThanOrEqual(3);
      expect(Math.abs(voxelAt(volume, x, y, 0, 0, 2) - 100)).toBeLessThanOrEqual(3);
    }
  });

  it('gray image as one channel', async () => {
    const volume = await readBytes('a.jpeg', jpegOf(16, 16, true));
    expect(volume.channels).toBe(1);
    expect(Math.abs(voxelAt(volume, 5, 9) - (40 + 20 + 18))).toBeLessThanOrEqual(3);
  });

  it('rejects file cut short', async () => {
    const jpeg = jpegOf(64, 64, false);
    const error = await labErrorOf(() => readBytes('cut.jpg', jpeg.subarray(0, jpeg.length >> 1)));
    expect(error.code).toBe('truncated-file');
    expect(error.file).toBe('cut.jpg');
  });
});
