import { GifWriter } from 'omggif';
import { describe, expect, it } from 'vitest';

import { readBytes } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

/** Writes a one-frame GIF. `palette` lists 0xRRGGBB colours, and their count must be a power of two. */
function encodeGif(width: number, height: number, indices: number[], palette: number[], transparent?: number): Uint8Array {
  const buffer = new Uint8Array(1024 + width * height * 2);
  const writer = new GifWriter(buffer, width, height, { palette });
  writer.addFrame(0, 0, width, height, indices, transparent === undefined ? {} : { transparent });
  return buffer.slice(0, writer.end());
}

describe('GIF reader', () => {
  it('gray palette gives one channel', async () => {
    const gif = encodeGif(3, 2, [0, 1, 1, 0, 1, 0], [0x000000, 0xffffff]);
    const volume = await readBytes('mask.gif', gif);
    expect(volume.format).toBe('gif');
    expect(volume.dims).toEqual([3, 2, 1]);
    expect(volume.channels).toBe(1);
    expect(Array.from(volume.data)).toEqual([0, 255, 255, 0, 255, 0]);
  });

  it('colour palette gives RGB', async () => {
    const gif = encodeGif(2, 1, [1, 2], [0x000000, 0xff8000, 0x0000ff, 0xffffff]);
    const volume = await readBytes('a.gif', gif);
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual([255, 128, 0, 0, 0, 255]);
  });

  it('transparent index gives RGBA', async () => {
    const gif = encodeGif(2, 1, [0, 1], [0x102030, 0x405060], 0);
    const volume = await readBytes('a.gif', gif);
    expect(volume.channels).toBe(4);
    expect(Array.from(volume.data)).toEqual([0, 0, 0, 0, 0x40, 0x50, 0x60, 255]);
  });

  it('rejects file cut short', async () => {
    const indices = Array.from({ length: 64 * 64 }, (_, i) => (i * 7919) % 4);
    const gif = encodeGif(64, 64, indices, [0x000000, 0x555555, 0xaaaaaa, 0xffffff]);
    const error = await labErrorOf(() => readBytes('cut.gif', gif.subarray(0, gif.length >> 1)));
    expect(error.code).toBe('truncated-file');
    expect(error.file).toBe('cut.gif');
  });
});
