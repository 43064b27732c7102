import { describe, expect, it } from 'vitest';

import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

interface TiffPage {
  width: number;
  height: number;
  channels?: number;
  bits: 1 | 8 | 16 | 32 | 64;
  /** TIFF SampleFormat: 1 unsigned, 2 signed, 3 float. */
  sampleFormat?: 1 | 2 | 3;
  photometric?: number;
  subfileType?: number;
  compression?: number;
  /** Leaves BitsPerSample out, as Pillow does for bilevel images (the TIFF default is 1). */
  omitBitsPerSample?: boolean;
  values: number[];
}

const SHORT = 3;
const LONG = 4;

/** Writes an uncompressed, one-strip-per-page TIFF 6.0 file (header, then per page: pixels, IFD, arrays). */
function encodeTiff(pages: TiffPage[], littleEndian = true): Uint8Array {
  const bytes = new Uint8Array(64 * 1024);
  const view = new DataView(bytes.buffer);
  bytes.set(littleEndian ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  view.setUint16(2, 42, littleEndian);
  let offset = 8;
  let previousNext = 4;

  for (const page of pages) {
    const channels = page.channels ?? 1;
    const format = page.sampleFormat ?? 1;
    const dataOffset = offset;
    const dataLength = page.bits === 1 ? writeBilevel(bytes, dataOffset, page) : (page.values.length * page.bits) / 8;
    if (page.bits > 1) {
      page.values.forEach((value, i) => writeSample(view, dataOffset + (i * page.bits) / 8, page.bits, format, value, littleEndian));
    }
    offset += dataLength;
    offset += offset % 2;

    const arrays = offset;
    const bitsAt = arrays;
    const formatAt = arrays + 2 * channels;
    for (let c = 0; c < channels; c++) {
      view.setUint16(bitsAt + 2 * c, page.bits, littleEndian);
      view.setUint16(formatAt + 2 * c, format, littleEndian);
    }
    offset += 4 * channels;

    const entries: Array<[number, number, number, number]> = [
      [254, LONG, 1, page.subfileType ?? 0],
      [256, LONG, 1, page.width],
      [257, LONG, 1, page.height],
      [258, SHORT, channels, channels > 2 ? bitsAt : page.bits],
      [259, SHORT, 1, page.compression ?? 1],
      [262, SHORT, 1, page.photometric ?? (channels >= 3 ? 2 : 1)],
      [273, LONG, 1, dataOffset],
      [277, SHORT, 1, channels],
      [278, LONG, 1, page.height],
      [279, LONG, 1, dataLength],
      [284, SHORT, 1, 1],
      [339, SHORT, channels, channels > 2 ? formatAt : format],
    ].filter(([tag]) => !(page.omitBitsPerSample && tag === 258)) as Array<[number, number, number, number]>;
    view.setUint32(previousNext, offset, littleEndian);
    view.setUint16(offset, entries.length, littleEndian);
    entries.forEach(([tag, type, count, value], i) => {
      const at = offset + 2 + 12 * i;
      view.setUint16(at, tag, littleEndian);
      view.setUint16(at + 2, type, littleEndian);
      view.setUint32(at + 4, count, littleEndian);
      // A value that fits in the field is stored left-justified in it.
      if (type === SHORT && count <= 2) {
        view.setUint16(at + 8, value, littleEndian);
        if (count === 2) view.setUint16(at + 10, value, littleEndian);
      } else view.setUint32(at + 8, value, littleEndian);
    });
    previousNext = offset + 2 + 12 * entries.length;
    view.setUint32(previousNext, 0, littleEndian);
    offset = previousNext + 4;
  }
  return bytes.slice(0, offset);
}

/** Packs 1-bit samples most significant bit first, each row padded to a whole byte, and returns the byte count. */
function writeBilevel(bytes: Uint8Array, at: number, page: TiffPage): number {
  const rowBytes = Math.ceil(page.width / 8);
  page.values.forEach((value, i) => {
    const x = i % page.width;
    const y = Math.floor(i / page.width);
    bytes[at + y * rowBytes + (x >> 3)] |= value << (7 - (x & 7));
  });
  return rowBytes * page.height;
}

function writeSample(view: DataView, at: number, bits: number, format: number, value: number, le: boolean): void {
  if (format === 3) return bits === 32 ? view.setFloat32(at, value, le) : view.setFloat64(at, value, le);
  const signed = format === 2;
  if (bits === 8) return signed ? view.setInt8(at, value) : view.setUint8(at, value);
  if (bits === 16) return signed ? view.setInt16(at, value, le) : view.setUint16(at, value, le);
  return signed ? view.setInt32(at, value, le) : view.setUint32(at, value, le);
}

describe('TIFF reader sample types', () => {
  const cases: Array<[string, Omit<TiffPage, 'width' | 'height'>]> = [
    ['uint8', { bits: 8, values: [0, 1, 254, 255, 7, 9] }],
    ['int8', { bits: 8, sampleFormat: 2, values: [-128, -1, 0, 1, 100, 127] }],
    ['uint16', { bits: 16, values: [0, 258, 30000, 65535, 1, 2] }],
    ['int16', { bits: 16, sampleFormat: 2, values: [-32768, -1024, 0, 258, 32767, 5] }],
    ['uint32', { bits: 32, values: [0, 16909060, 3000000000, 4294967295, 1, 2] }],
    ['int32', { bits: 32, sampleFormat: 2, values: [-2147483648, -70000, 0, 16909060, 2147483647, 3] }],
    ['float32', { bits: 32, sampleFormat: 3, values: [-1.5, 0, 0.25, 1e20, 3, 4] }],
    ['float64', { bits: 64, sampleFormat: 3, values: [-1e300, 0, 1 / 3, Math.PI, 3, 4] }],
  ];
  for (const [dtype, page] of cases) {
    for (const littleEndian of [true, false]) {
      it(`${dtype} ${littleEndian ? 'II' : 'MM'}`, async () => {
        const volume = await readBytes('a.tif', encodeTiff([{ width: 3, height: 2, ...page }], littleEndian));
        expect(volume.format).toBe('tiff');
        expect(volume.dtype).toBe(dtype);
        expect(volume.dims).toEqual([3, 2, 1]);
        const expected = dtype === 'float32' ? page.values.map(Math.fround) : page.values;
        expect(Array.from(volume.data)).toEqual(expected);
      });
    }
  }
});

describe('TIFF reader', () => {
  it('RGB interleaved', async () => {
    const values = [10, 20, 30, 40, 50, 60];
    const volume = await readBytes('a.tiff', encodeTiff([{ width: 2, height: 1, channels: 3, bits: 8, values }]));
    expect(volume.channels).toBe(3);
    expect(Array.from(volume.data)).toEqual(values);
  });

  it('pages after the first', async () => {
    const tiff = encodeTiff([
      { width: 2, height: 2, bits: 16, values: [1000, 2000, 3000, 4000] },
      { width: 2, height: 2, bits: 8, values: [0, 1, 1, 0] },
      { width: 1, height: 1, bits: 8, values: [7], subfileType: 1 },
      { width: 3, height: 1, bits: 8, values: [5, 6, 7] },
    ]);
    const volume = await readBytes('stack.tif', tiff);
    expect(Array.from(volume.data)).toEqual([1000, 2000, 3000, 4000]);
    expect(volume.pages?.length).toBe(2);
    expect(Array.from(volume.pages![0].data)).toEqual([0, 1, 1, 0]);
    expect(volume.pages![1].dims).toEqual([3, 1, 1]);
    expect(voxelAt(volume.pages![1], 2, 0)).toBe(7);
  });

  it('single page has no pages', async () => {
    const volume = await readBytes('a.tif', encodeTiff([{ width: 1, height: 1, bits: 8, values: [3] }]));
    expect(volume.pages).toBeUndefined();
  });

  it('WhiteIsZero is inverted', async () => {
    const volume = await readBytes('a.tif', encodeTiff([{ width: 2, height: 1, bits: 8, photometric: 0, values: [0, 200] }]));
    expect(Array.from(volume.data)).toEqual([255, 55]);
  });

  it('bilevel without BitsPerSample', async () => {
    const values = [1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0];
    const tiff = encodeTiff([{ width: 11, height: 2, bits: 1, omitBitsPerSample: true, values }]);
    const volume = await readBytes('mask.tif', tiff);
    expect(volume.dtype).toBe('uint8');
    expect(Array.from(volume.data)).toEqual(values);
  });

  it('rejects CCITT compression', async () => {
    const tiff = encodeTiff([{ width: 8, height: 1, bits: 1, compression: 4, values: new Array(8).fill(1) }]);
    const error = await labErrorOf(() => readBytes('fax.tif', tiff));
    expect(error.code).toBe('unsupported-format');
    expect(error.hint).toContain('LZW');
  });

  it('rejects strip past the end', async () => {
    const tiff = encodeTiff([{ width: 16, height: 16, bits: 8, values: new Array(256).fill(1) }]);
    // Start the 256-byte strip 100 bytes before the end of the file.
    const view = new DataView(tiff.buffer);
    const ifd = view.getUint32(4, true);
    const stripOffsetEntry = ifd + 2 + 12 * 6;
    view.setUint32(stripOffsetEntry + 8, tiff.length - 100, true);
    const error = await labErrorOf(() => readBytes('cut.tif', tiff));
    expect(error.code).toBe('truncated-file');
    expect(error.file).toBe('cut.tif');
  });

  it('rejects damaged IFD', async () => {
    const tiff = encodeTiff([{ width: 2, height: 1, bits: 8, values: [1, 2] }]);
    new DataView(tiff.buffer).setUint32(4, 1_000_000, true);
    const error = await labErrorOf(() => readBytes('bad.tif', tiff));
    expect(error.code).toBe('corrupt-file');
  });
});
