import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';

const encoder = new TextEncoder();

/** Element types with the DataView setter that writes them and sample values covering sign and width. */
const elementTypes = {
  MET_UCHAR: { dtype: 'uint8', size: 1, set: 'setUint8', values: [0, 1, 128, 255] },
  MET_CHAR: { dtype: 'int8', size: 1, set: 'setInt8', values: [-128, -1, 0, 127] },
  MET_SHORT: { dtype: 'int16', size: 2, set: 'setInt16', values: [-32768, -1024, 258, 32767] },
  MET_USHORT: { dtype: 'uint16', size: 2, set: 'setUint16', values: [0, 258, 40000, 65535] },
  MET_INT: { dtype: 'int32', size: 4, set: 'setInt32', values: [-2147483648, -70000, 16909060, 2147483647] },
  MET_UINT: { dtype: 'uint32', size: 4, set: 'setUint32', values: [0, 16909060, 3000000000, 4294967295] },
  MET_FLOAT: { dtype: 'float32', size: 4, set: 'setFloat32', values: [-1.5, 0, 0.25, 1e20] },
  MET_DOUBLE: { dtype: 'float64', size: 8, set: 'setFloat64', values: [-1e300, 0, 1 / 3, Math.PI] },
} as const;

type ElementType = keyof typeof elementTypes;

function encodeValues(type: ElementType, values: readonly number[], littleEndian = true): Uint8Array<ArrayBuffer> {
  const { size, set } = elementTypes[type];
  const bytes = new Uint8Array(values.length * size);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => (view[set] as (offset: number, value: number, le?: boolean) => void).call(view, i * size, value, littleEndian));
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
}

function header(lines: string[]): Uint8Array<ArrayBuffer> {
  return encoder.encode(lines.map((line) => `${line}\n`).join(''));
}

const int16Ramp = Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 10 - 100);

describe('MetaImage reader element types', () => {
  for (const [type, { dtype, values }] of Object.entries(elementTypes) as Array<[ElementType, (typeof elementTypes)[ElementType]]>) {
    for (const msb of [false, true]) {
      it(`${type} ${msb ? 'big' : 'little'}-endian`, async () => {
        const text = header(['ObjectType = Image', 'NDims = 2', 'DimSize = 2 2', `ElementType = ${type}`, `ElementByteOrderMSB = ${msb ? 'True' : 'False'}`, 'ElementDataFile = a.raw']);
        const volume = await readBytes('a.mhd', text, { 'a.raw': encodeValues(type, values, !msb) });
        expect(volume.format).toBe('metaimage');
        expect(volume.dtype).toBe(dtype);
        const expected = type === 'MET_FLOAT' ? values.map(Math.fround) : values;
        expect(Array.from(volume.data)).toEqual(expected);
      });
    }
  }

  it('BinaryDataByteOrderMSB sets byte order', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'ElementType = MET_SHORT', 'BinaryDataByteOrderMSB = True', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': encodeValues('MET_SHORT', [-2, 300], false) });
    expect(Array.from(volume.data)).toEqual([-2, 300]);
  });
});

describe('MetaImage reader data locations', () => {
  const fields = ['ObjectType = Image', 'NDims = 3', 'DimSize = 4 3 2', 'ElementSpacing = 0.5 0.5 2', 'ElementType = MET_SHORT'];
  const raw = encodeValues('MET_SHORT', int16Ramp);

  it('mhd with raw', async () => {
    const volume = await readBytes('scan/a.mhd', header([...fields, 'ElementDataFile = a.raw']), { 'scan/a.raw': raw });
    expect(volume.dims).toEqual([4, 3, 2]);
    expect(volume.spacing).toEqual([0.5, 0.5, 2]);
    expect(Array.from(volume.data)).toEqual(int16Ramp);
    expect(voxelAt(volume, 3, 2, 1)).toBe(int16Ramp[23]);
  });

  it('mhd with zraw', async () => {
    const text = header([...fields, 'CompressedData = True', 'ElementDataFile = a.zraw']);
    const volume = await readBytes('a.mhd', text, { 'a.zraw': zlibSync(raw) });
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });

  it('LOCAL plain', async () => {
    const volume = await readBytes('a.mha', concat(header([...fields, 'ElementDataFile = LOCAL']), raw));
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });

  it('LOCAL zlib with CompressedDataSize', async () => {
    const compressed = zlibSync(raw);
    const text = header([...fields, 'CompressedData = True', `CompressedDataSize = ${compressed.length}`, 'ElementDataFile = LOCAL']);
    const volume = await readBytes('a.mha', concat(text, compressed, encoder.encode('\n')));
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });

  it('LOCAL with CRLF lines', async () => {
    const text = encoder.encode([...fields, 'ElementDataFile = LOCAL'].map((line) => `${line}\r\n`).join(''));
    const volume = await readBytes('a.mha', concat(text, raw));
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });

  it('HeaderSize skips bytes', async () => {
    const text = header([...fields, 'HeaderSize = 7', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': concat(new Uint8Array(7).fill(0xee), raw) });
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });

  it('HeaderSize -1 reads the tail', async () => {
    const text = header([...fields, 'HeaderSize = -1', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': concat(new Uint8Array(5).fill(0xee), raw) });
    expect(Array.from(volume.data)).toEqual(int16Ramp);
  });
});

describe('MetaImage reader header fields', () => {
  it('no ObjectType and no final newline', async () => {
    const text = encoder.encode('NDims = 3\nDimSize = 1 1 2\nElementType = MET_UCHAR\nElementDataFile = a.raw');
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(3, 4) });
    expect(volume.dims).toEqual([1, 1, 2]);
    expect(Array.from(volume.data)).toEqual([3, 4]);
  });

  it('no NDims takes DimSize length', async () => {
    const text = header(['DimSize = 2 1', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(3, 4) });
    expect(volume.dims).toEqual([2, 1, 1]);
  });

  it('ElementSize when no ElementSpacing', async () => {
    const text = header(['NDims = 3', 'DimSize = 1 1 1', 'ElementSize = 0.8 0.9 -3', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(1) });
    expect(volume.spacing).toEqual([0.8, 0.9, 3]);
  });

  it('ElementSpacing wins over ElementSize', async () => {
    const text = header(['NDims = 2', 'DimSize = 1 1', 'ElementSize = 4 4', 'ElementSpacing = 2 3', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(1) });
    expect(volume.spacing).toEqual([2, 3, 1]);
  });

  it('ElementNumberOfChannels interleaves', async () => {
    const text = header(['NDims = 2', 'DimSize = 2 1', 'ElementNumberOfChannels = 3', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(1, 2, 3, 4, 5, 6) });
    expect(volume.channels).toBe(3);
    expect(voxelAt(volume, 1, 0, 0, 0, 2)).toBe(6);
  });

  it('4D sets frames', async () => {
    const text = header(['NDims = 4', 'DimSize = 1 1 2 3', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(0, 1, 2, 3, 4, 5) });
    expect(volume.dims).toEqual([1, 1, 2]);
    expect(volume.frames).toBe(3);
    expect(voxelAt(volume, 0, 0, 1, 2)).toBe(5);
  });

  it('keys are case-insensitive', async () => {
    const text = header(['ndims = 1', 'dimsize = 2', 'elementtype = MET_UCHAR', 'elementdatafile = a.raw']);
    const volume = await readBytes('a.mhd', text, { 'a.raw': Uint8Array.of(8, 9) });
    expect(Array.from(volume.data)).toEqual([8, 9]);
  });
});

describe('MetaImage reader rejects', () => {
  it('missing data file', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'ElementType = MET_UCHAR', 'ElementDataFile = scan.raw']);
    const error = await labErrorOf(() => readBytes('dir/scan.mhd', text));
    expect(error.code).toBe('missing-companion');
    expect(error.file).toBe('dir/scan.mhd');
    expect(error.message).toContain('dir/scan.raw');
    expect(error.hint).toContain('scan.mhd');
    expect(error.hint).toContain('scan.raw');
  });

  it('short raw data', async () => {
    const text = header(['NDims = 2', 'DimSize = 4 4', 'ElementType = MET_SHORT', 'ElementDataFile = a.raw']);
    const error = await labErrorOf(() => readBytes('a.mhd', text, { 'a.raw': new Uint8Array(20) }));
    expect(error.code).toBe('truncated-file');
    expect(error.problem).toContain('32 bytes');
    expect(error.problem).toContain('20');
  });

  it('cut zlib stream', async () => {
    const compressed = zlibSync(encodeValues('MET_SHORT', int16Ramp));
    const text = header(['NDims = 1', 'DimSize = 24', 'ElementType = MET_SHORT', 'CompressedData = True', 'ElementDataFile = a.zraw']);
    const error = await labErrorOf(() => readBytes('a.mhd', text, { 'a.zraw': compressed.subarray(0, 10) }));
    expect(error.code).toBe('truncated-file');
  });

  it('unsupported element type', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'ElementType = MET_LONG_LONG', 'ElementDataFile = a.raw']);
    const error = await labErrorOf(() => readBytes('a.mhd', text, { 'a.raw': new Uint8Array(16) }));
    expect(error.code).toBe('unsupported-datatype');
    expect(error.problem).toContain('MET_LONG_LONG');
  });

  it('no ElementType', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'ElementDataFile = a.raw']);
    const error = await labErrorOf(() => readBytes('a.mhd', text, { 'a.raw': new Uint8Array(2) }));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('ElementType');
  });

  it('no ElementDataFile', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'ElementType = MET_UCHAR']);
    const error = await labErrorOf(() => readBytes('a.mhd', text));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('ElementDataFile');
  });

  it('NDims disagreeing with DimSize', async () => {
    const text = header(['NDims = 3', 'DimSize = 2 2', 'ElementType = MET_UCHAR', 'ElementDataFile = a.raw']);
    const error = await labErrorOf(() => readBytes('a.mhd', text, { 'a.raw': new Uint8Array(4) }));
    expect(error.code).toBe('corrupt-file');
  });

  it('file list data', async () => {
    const text = header(['NDims = 3', 'DimSize = 1 1 2', 'ElementType = MET_UCHAR', 'ElementDataFile = LIST']);
    const error = await labErrorOf(() => readBytes('a.mhd', text));
    expect(error.code).toBe('unsupported-format');
  });

  it('ASCII data', async () => {
    const text = header(['NDims = 1', 'DimSize = 2', 'BinaryData = False', 'ElementType = MET_UCHAR', 'ElementDataFile = LOCAL']);
    const error = await labErrorOf(() => readBytes('a.mha', concat(text, encoder.encode('1 2\n'))));
    expect(error.code).toBe('unsupported-format');
  });
});
