import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { readBytes } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';
import { writeNifti, type NiftiImage, type NiftiWriteDatatype } from './nifti';

const dims: [number, number, number] = [3, 2, 2];
const spacing: [number, number, number] = [0.75, 1.25, 8];

/** Twelve values per type that reach both ends of its range and the sign bit. */
const samples: Record<NiftiWriteDatatype, number[]> = {
  uint8: [0, 1, 2, 127, 128, 129, 200, 250, 253, 254, 255, 7],
  int16: [-32768, -32767, -256, -1, 0, 1, 255, 256, 1000, 32766, 32767, -5],
  float32: [-1, -0.5, 0, 0.25, 1, 1e-7, -3.5e38, 3.4e38, Math.PI, -0.1, 12345.678, 1 / 3],
};

const datatypeCodes: Record<NiftiWriteDatatype, [number, number]> = { uint8: [2, 8], int16: [4, 16], float32: [16, 32] };

function image(datatype: NiftiWriteDatatype, extra: Partial<NiftiImage> = {}): NiftiImage {
  return { data: samples[datatype], dims, spacing, datatype, description: 'GAN Lab test', ...extra };
}

describe('writeNifti round trip', () => {
  for (const datatype of Object.keys(samples) as NiftiWriteDatatype[]) {
    for (const gzip of [false, true]) {
      it(`${datatype}${gzip ? ' gzip' : ''}`, async () => {
        const bytes = writeNifti(image(datatype), { gzip });
        // gzip starts with 1f 8b, a plain file with sizeof_hdr 348 (5c 01 little-endian).
        expect(Array.from(bytes.subarray(0, 2))).toEqual(gzip ? [0x1f, 0x8b] : [0x5c, 0x01]);

        const volume = await readBytes(gzip ? 'a.nii.gz' : 'a.nii', bytes);
        expect(volume.format).toBe('nifti-1');
        expect(volume.dtype).toBe(datatype);
        expect(volume.dims).toEqual(dims);
        expect(volume.frames).toBe(1);
        expect(volume.spacing).toEqual(spacing);
        const expected = datatype === 'float32' ? samples.float32.map(Math.fround) : samples[datatype];
        expect(Array.from(volume.data)).toEqual(expected);
      });
    }
  }
});

describe('writeNifti header', () => {
  for (const datatype of Object.keys(samples) as NiftiWriteDatatype[]) {
    it(`${datatype} fields at nifti1.h offsets`, () => {
      const bytes = writeNifti(image(datatype), { gzip: false });
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const text = (offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));
      const [code, bitpix] = datatypeCodes[datatype];

      expect(bytes.length).toBe(352 + 12 * (bitpix / 8));
      expect(view.getInt32(0, true)).toBe(348);
      expect(Array.from({ length: 8 }, (_, i) => view.getInt16(40 + 2 * i, true))).toEqual([3, 3, 2, 2, 1, 1, 1, 1]);
      expect(view.getInt16(70, true)).toBe(code);
      expect(view.getInt16(72, true)).toBe(bitpix);
      expect(Array.from({ length: 4 }, (_, i) => view.getFloat32(76 + 4 * i, true))).toEqual([1, 0.75, 1.25, 8]);
      expect(view.getFloat32(108, true)).toBe(352);
      expect(view.getFloat32(112, true)).toBe(1);
      expect(view.getFloat32(116, true)).toBe(0);
      expect(bytes[123]).toBe(2);
      expect(text(148, 13)).toBe('GAN Lab test\0');
      expect(view.getInt16(252, true)).toBe(1);
      expect(view.getInt16(254, true)).toBe(1);
      expect(Array.from({ length: 6 }, (_, i) => view.getFloat32(256 + 4 * i, true))).toEqual([0, 0, 0, 0, 0, 0]);
      const srow = Array.from({ length: 12 }, (_, i) => view.getFloat32(280 + 4 * i, true));
      expect(srow).toEqual([0.75, 0, 0, 0, 0, 1.25, 0, 0, 0, 0, 8, 0]);
      expect(text(344, 4)).toBe('n+1\0');
      expect(Array.from(bytes.subarray(348, 352))).toEqual([0, 0, 0, 0]);
    });
  }

  it('voxels are little-endian from byte 352', () => {
    const bytes = writeNifti(image('int16'), { gzip: false });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(Array.from({ length: 12 }, (_, i) => view.getInt16(352 + 2 * i, true))).toEqual(samples.int16);
  });

  it('gzip holds the plain file', () => {
    const plain = writeNifti(image('float32'), { gzip: false });
    expect(gunzipSync(writeNifti(image('float32'), { gzip: true }))).toEqual(plain);
  });
});

describe('writeNifti checks', () => {
  const cases: Array<[string, Partial<NiftiImage>, string, string]> = [
    ['int16 out of range', { datatype: 'int16', data: [...samples.int16.slice(0, 11), 40000] }, 'data', 'value 40000 at index 11'],
    ['uint8 fraction', { datatype: 'uint8', data: [...samples.uint8.slice(0, 11), 1.5] }, 'data', 'value 1.5 at index 11'],
    ['uint8 negative', { datatype: 'uint8', data: [-1, ...samples.uint8.slice(1)] }, 'data', 'value -1 at index 0'],
    ['short data', { data: [1, 2, 3] }, 'data', 'data hold 3 values but dims 3x2x2 need 12'],
    ['zero dim', { dims: [3, 0, 2] }, 'dims', 'dims [3, 0, 2]'],
    ['huge dim', { dims: [40000, 1, 1] }, 'dims', 'dims [40000, 1, 1]'],
    ['zero spacing', { spacing: [1, 0, 1] }, 'spacing', 'spacing [1, 0, 1]'],
    ['long description', { description: 'x'.repeat(80) }, 'description', 'at most 79 printable ASCII'],
    ['non-ASCII description', { description: 'Dice ≥ 0.8' }, 'description', 'at most 79 printable ASCII'],
  ];
  for (const [name, change, field, message] of cases) {
    it(`rejects ${name}`, async () => {
      const error = await labErrorOf(async () => writeNifti(image('float32', change), { gzip: false }));
      expect(error.code).toBe('invalid-argument');
      expect(error.field).toBe(field);
      expect(error.message).toContain(message);
    });
  }
});
