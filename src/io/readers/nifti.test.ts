import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { encodeNifti, type NiftiTestDatatype } from '../../testing/nifti-bytes';
import { readBytes, voxelAt } from '../../testing/volumes';
import { labErrorOf } from '../../testing/lab-error';
import { parseNiftiHeader } from './nifti-header';

/** Values that exercise the sign bit and every byte of each type. */
const samples: Record<Exclude<NiftiTestDatatype, 'complex64'>, number[]> = {
  uint8: [0, 1, 127, 128, 254, 255],
  int8: [-128, -1, 0, 1, 100, 127],
  int16: [-32768, -300, -1, 0, 258, 32767],
  uint16: [0, 1, 258, 32768, 40000, 65535],
  int32: [-2147483648, -70000, -1, 0, 16909060, 2147483647],
  uint32: [0, 1, 16909060, 2147483648, 3000000000, 4294967295],
  float32: [-1.5, -0, 0, 0.25, 3.4028234663852886e38, 1e-20],
  float64: [-1e300, -2.5, 0, 1 / 3, Math.PI, 1e-300],
};

describe('NIfTI reader datatypes', () => {
  for (const [datatype, values] of Object.entries(samples) as Array<[NiftiTestDatatype, number[]]>) {
    for (const littleEndian of [true, false]) {
      it(`${datatype} ${littleEndian ? 'little' : 'big'}-endian`, async () => {
        const bytes = encodeNifti({ dims: [3, 2], datatype, values, littleEndian });
        const volume = await readBytes('a.nii', bytes);
        expect(volume.format).toBe('nifti-1');
        expect(volume.dtype).toBe(datatype);
        expect(volume.dims).toEqual([3, 2, 1]);
        const expected = datatype === 'float32' ? values.map(Math.fround) : values;
        expect(Array.from(volume.data)).toEqual(expected);
      });
    }
  }
});

describe('NIfTI reader NIfTI-2', () => {
  for (const littleEndian of [true, false]) {
    it(`int16 ${littleEndian ? 'little' : 'big'}-endian`, async () => {
      const values = Array.from({ length: 200 * 3 }, (_, i) => i - 300);
      const bytes = encodeNifti({ version: 2, dims: [200, 3], datatype: 'int16', values, littleEndian, extensionSizes: [96] });
      const volume = await readBytes('a.nii', bytes);
      expect(volume.format).toBe('nifti-2');
      expect(volume.dims).toEqual([200, 3, 1]);
      expect(Array.from(volume.data)).toEqual(values);
      expect(parseNiftiHeader(bytes, 'a.nii').voxOffset).toBe(640);
    });
  }

  it('slope and spacing are doubles', async () => {
    const bytes = encodeNifti({ version: 2, dims: [2], datatype: 'uint8', values: [1, 2], sclSlope: 0.5, sclInter: 10, pixdim: [0.7] });
    const volume = await readBytes('a.nii', bytes);
    expect(Array.from(volume.data)).toEqual([10.5, 11]);
    expect(volume.spacing[0]).toBe(0.7);
  });
});

describe('NIfTI reader gzip', () => {
  const values = Array.from({ length: 4 * 3 * 2 }, (_, i) => i * 3 - 7);
  const nifti = encodeNifti({ dims: [4, 3, 2], datatype: 'int16', values });

  it('one member', async () => {
    const volume = await readBytes('a.nii.gz', gzipSync(nifti));
    expect(Array.from(volume.data)).toEqual(values);
  });

  it('several members', async () => {
    const members = [nifti.subarray(0, 100), nifti.subarray(100, 360), nifti.subarray(360), new Uint8Array(0)].map((part) => gzipSync(part));
    const joined = new Uint8Array(members.reduce((sum, member) => sum + member.length, 0));
    members.reduce((offset, member) => (joined.set(member, offset), offset + member.length), 0);
    const volume = await readBytes('a.nii.gz', joined);
    expect(Array.from(volume.data)).toEqual(values);
  });
});

describe('NIfTI reader scaling', () => {
  const values = [-20, 0, 7, 103];

  it('slope 0 leaves values', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [4], datatype: 'int16', values, sclSlope: 0, sclInter: 100 }));
    expect(volume.dtype).toBe('int16');
    expect(Array.from(volume.data)).toEqual(values);
  });

  it('slope NaN leaves values', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [4], datatype: 'int16', values, sclSlope: NaN, sclInter: 5 }));
    expect(volume.dtype).toBe('int16');
    expect(Array.from(volume.data)).toEqual(values);
  });

  it('slope 2 inter -1 scales', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [4], datatype: 'int16', values, sclSlope: 2, sclInter: -1 }));
    expect(volume.dtype).toBe('float32');
    expect(Array.from(volume.data)).toEqual([-41, -1, 13, 205]);
  });

  it('slope 1 inter 0 keeps type', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [4], datatype: 'uint8', values: [0, 1, 2, 3], sclSlope: 1, sclInter: 0 }));
    expect(volume.dtype).toBe('uint8');
    expect(Array.from(volume.data)).toEqual([0, 1, 2, 3]);
  });

  it('slope 1 inter 5 scales', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [2], datatype: 'uint8', values: [0, 3], sclSlope: 1, sclInter: 5 }));
    expect(volume.dtype).toBe('float32');
    expect(Array.from(volume.data)).toEqual([5, 8]);
  });
});

describe('NIfTI reader shape and spacing', () => {
  it('4D series sets frames', async () => {
    const values = Array.from({ length: 2 * 3 * 2 * 4 }, (_, i) => i);
    const volume = await readBytes('a.nii', encodeNifti({ dims: [2, 3, 2, 4], datatype: 'uint8', values }));
    expect(volume.dims).toEqual([2, 3, 2]);
    expect(volume.frames).toBe(4);
    expect(voxelAt(volume, 1, 2, 1, 3)).toBe(1 + 2 * 2 + 6 * 1 + 12 * 3);
  });

  it('2D image has z 1', async () => {
    const volume = await readBytes('a.nii', encodeNifti({ dims: [2, 2], datatype: 'uint8', values: [1, 2, 3, 4] }));
    expect(volume.dims).toEqual([2, 2, 1]);
    expect(volume.frames).toBe(1);
  });

  it('spacing is absolute, 1 where 0', async () => {
    const bytes = encodeNifti({ dims: [1, 1, 1], datatype: 'uint8', values: [0], pixdim: [-0.5, 0, 2.5] });
    expect((await readBytes('a.nii', bytes)).spacing).toEqual([0.5, 1, 2.5]);
  });

  it('spacing in metres and microns', async () => {
    const metres = encodeNifti({ dims: [1], datatype: 'uint8', values: [0], pixdim: [0.002], xyztUnits: 1 });
    const microns = encodeNifti({ dims: [1], datatype: 'uint8', values: [0], pixdim: [500], xyztUnits: 3 });
    expect((await readBytes('a.nii', metres)).spacing[0]).toBeCloseTo(2, 6);
    expect((await readBytes('b.nii', microns)).spacing[0]).toBeCloseTo(0.5, 6);
  });

  it('dims beyond dim[0] are ignored', async () => {
    const bytes = encodeNifti({ dims: [2, 2, 3], datatype: 'uint8', values: [1, 2, 3, 4] });
    new DataView(bytes.buffer).setInt16(40, 2, true);
    expect((await readBytes('a.nii', bytes)).dims).toEqual([2, 2, 1]);
  });

  it('5D image is rejected', async () => {
    const bytes = encodeNifti({ dims: [2, 1, 1, 1, 3], datatype: 'uint8', values: [1, 2, 3, 4, 5, 6] });
    const error = await labErrorOf(() => readBytes('vector.nii', bytes));
    expect(error.code).toBe('unsupported-format');
    expect(error.problem).toContain('dim[5] = 3');
  });
});

describe('NIfTI reader extensions and offsets', () => {
  it('lists extensions before vox_offset', () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [1, 2], extensionSizes: [32, 48] });
    const header = parseNiftiHeader(bytes, 'a.nii');
    expect(header.voxOffset).toBe(352 + 80);
    expect(header.extensions).toEqual([
      { offset: 352, esize: 32, ecode: 6 },
      { offset: 384, esize: 48, ecode: 6 },
    ]);
  });

  it('flag without room is ignored', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [9, 8], extensionFlag: true });
    expect(parseNiftiHeader(bytes, 'a.nii').extensions).toEqual([]);
    expect(Array.from((await readBytes('a.nii', bytes)).data)).toEqual([9, 8]);
  });

  it('flag with zero padding is ignored', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [9, 8], extensionFlag: true, voxOffset: 368 });
    expect(parseNiftiHeader(bytes, 'a.nii').extensions).toEqual([]);
    expect(Array.from((await readBytes('a.nii', bytes)).data)).toEqual([9, 8]);
  });

  it('extension past vox_offset is ignored', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [9, 8], extensionSizes: [16], voxOffset: 368 });
    new DataView(bytes.buffer).setInt32(352, 64, true);
    expect(parseNiftiHeader(bytes, 'a.nii').extensions).toEqual([]);
    expect(Array.from((await readBytes('a.nii', bytes)).data)).toEqual([9, 8]);
  });

  it('vox_offset 0 reads from 352', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [5, 6] });
    new DataView(bytes.buffer).setFloat32(108, 0, true);
    expect(Array.from((await readBytes('a.nii', bytes)).data)).toEqual([5, 6]);
  });
});

describe('NIfTI reader rejects', () => {
  it('complex64 datatype', async () => {
    const error = await labErrorOf(() => readBytes('c.nii', encodeNifti({ dims: [2], datatype: 'complex64', values: [1, 0, 2, 0] })));
    expect(error.code).toBe('unsupported-datatype');
    expect(error.problem).toContain('32 (complex64)');
    expect(error.file).toBe('c.nii');
    expect(error.hint).toBeTruthy();
  });

  it('short voxel data', async () => {
    const bytes = encodeNifti({ dims: [10, 10], datatype: 'int16', values: new Array(100).fill(1), truncateTo: 352 + 150 });
    const error = await labErrorOf(() => readBytes('short.nii', bytes));
    expect(error.code).toBe('truncated-file');
    expect(error.problem).toContain('200 bytes');
    expect(error.problem).toContain('150');
  });

  it('short header', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [1, 2], truncateTo: 200 });
    const error = await labErrorOf(() => readBytes('short.nii', bytes));
    expect(error.code).toBe('truncated-file');
  });

  it('hdr/img pair magic', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [1, 2] });
    bytes.set([0x6e, 0x69, 0x31, 0], 344);
    const error = await labErrorOf(() => readBytes('pair.hdr', bytes));
    expect(error.code).toBe('unsupported-format');
    expect(error.problem).toContain('ni1');
  });

  it('Analyze header without magic', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [1, 2] });
    bytes.set([0, 0, 0, 0], 344);
    const error = await labErrorOf(() => readBytes('old.nii', bytes));
    expect(error.code).toBe('unsupported-format');
    expect(error.problem).toContain('Analyze');
  });

  it('dim[0] out of range', async () => {
    const bytes = encodeNifti({ dims: [2], datatype: 'uint8', values: [1, 2] });
    new DataView(bytes.buffer).setInt16(40, 9, true);
    const error = await labErrorOf(() => readBytes('bad.nii', bytes));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('dim[0] = 9');
  });

  it('zero dim', async () => {
    const bytes = encodeNifti({ dims: [2, 0], datatype: 'uint8', values: [] });
    const error = await labErrorOf(() => readBytes('bad.nii', bytes));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toContain('dim[2] = 0');
  });
});
