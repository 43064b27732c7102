/**
 * Small files that reproduce public bug reports about reading NIfTI, PNG,
 * TIFF and MetaImage. Each is read in place and compared with every value of
 * its expected.json, and with the rule that generated it where one is given.
 */

import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { sharedCasesDir, sharedPath } from '../testing/shared';
import { minMaxOf, readDiskFiles, sumOf, voxelAt } from '../testing/volumes';
import { parseNiftiHeader } from './readers/nifti-header';
import type { Volume } from './volume';

function caseFile(caseName: string, file: string): string {
  return sharedPath(sharedCasesDir, caseName, file);
}

function expected(caseName: string): Record<string, any> {
  return JSON.parse(readFileSync(caseFile(caseName, 'expected.json'), 'utf8'));
}

async function readCase(caseName: string, file: string, companions: string[] = []): Promise<Volume> {
  const files: Record<string, string> = { [file]: caseFile(caseName, file) };
  for (const companion of companions) files[companion] = caseFile(caseName, companion);
  return readDiskFiles(files);
}

/** Checks samples keyed "i,j,k" (volumes) against the volume. */
function expectSamples(volume: Volume, samples: Record<string, number>): void {
  for (const [key, value] of Object.entries(samples)) {
    const [x, y, z] = key.split(',').map(Number);
    expect(voxelAt(volume, x, y, z), `voxel ${key}`).toBe(value);
  }
}

/** Checks every voxel against the rule that generated the file; reports the first mismatch. */
function expectRule(volume: Volume, rule: (x: number, y: number, z: number) => number): void {
  const [nx, ny, nz] = volume.dims;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (voxelAt(volume, x, y, z) !== rule(x, y, z)) {
          expect(voxelAt(volume, x, y, z), `voxel ${x},${y},${z}`).toBe(rule(x, y, z));
        }
      }
    }
  }
}

/** Checks samples keyed "row,col" (2D rasters) against the volume. */
function expectRowColSamples(volume: Volume, samples: Record<string, number>): void {
  for (const [key, value] of Object.entries(samples)) {
    const [row, col] = key.split(',').map(Number);
    expect(voxelAt(volume, col, row), `pixel row ${row}, column ${col}`).toBe(value);
  }
}

describe('NIfTI scl_slope files', () => {
  const name = '01-nifti-scl-slope';

  it('slope 0 keeps stored values', async () => {
    const spec = expected(name)['slope0_inter100.nii'];
    const volume = await readCase(name, 'slope0_inter100.nii');
    expect(volume.dims).toEqual(spec.shape);
    expect(volume.dtype).toBe(spec.stored_dtype);
    expectSamples(volume, spec.samples);
    expectRule(volume, (i, j, k) => i + 10 * j + 100 * k - 20);
  });

  it('slope 2 inter -1 scales to float', async () => {
    const spec = expected(name)['slope2_inter-1.nii'];
    const volume = await readCase(name, 'slope2_inter-1.nii');
    expect(volume.dims).toEqual(spec.shape);
    expect(volume.dtype).toBe('float32');
    expectSamples(volume, spec.samples);
    expectRule(volume, (i, j, k) => 2 * (i + 10 * j + 100 * k - 20) - 1);
  });
});

describe('big-endian int16 NIfTI file', () => {
  it('swaps header and voxels', async () => {
    const name = '02-nifti-big-endian-int16';
    const spec = expected(name)['bigendian_int16.nii'];
    const volume = await readCase(name, 'bigendian_int16.nii');
    expect(volume.dims).toEqual(spec.shape);
    expect(volume.dtype).toBe(spec.dtype);
    expectSamples(volume, spec.samples);
    expect(minMaxOf(volume.data)).toEqual([spec.min, spec.max]);
    expect(voxelAt(volume, 0, 0, 0)).not.toBe(spec.wrong_if_not_swapped['0,0,0']);
    expectRule(volume, (i, j, k) => 300 * i - 50 * j + 7 * k - 600);
  });
});

describe('multi-member gzip NIfTI file', () => {
  it('inflates every member', async () => {
    const name = '03-nifti-gz-multimember';
    const spec = expected(name)['multimember.nii.gz'];
    const volume = await readCase(name, 'multimember.nii.gz');
    expect(volume.dims).toEqual(spec.shape);
    expect(volume.dtype).toBe(spec.dtype);
    expectSamples(volume, spec.samples);
    expect(sumOf(volume.data)).toBe(spec.sum_of_all_voxels);
    expectRule(volume, (i, j, k) => (i + 8 * j + 64 * k) * 0.5);
    // 352 header bytes plus the voxels account for every inflated byte.
    expect(352 + volume.data.byteLength).toBe(spec.total_uncompressed_bytes);
  });
});

describe('NIfTI extension and vox_offset files', () => {
  const name = '05-nifti-extension-voxoffset';
  const files = ['two_extensions_offset496.nii', 'flag_set_no_extension.nii', 'padded_offset1024.nii'];

  for (const file of files) {
    it(`reads ${file}`, async () => {
      const spec = expected(name);
      const volume = await readCase(name, file);
      expect(volume.dims).toEqual(spec.all_three_files.shape);
      expect(volume.dtype).toBe(spec.all_three_files.dtype);
      expectSamples(volume, spec.all_three_files.samples);
      expectRule(volume, (i, j, k) => 10 * (i + 4 * j + 16 * k) - 100);

      const header = parseNiftiHeader(new Uint8Array(readFileSync(caseFile(name, file))), file);
      expect(header.voxOffset).toBe(spec[file].vox_offset);
      expect(header.extensions.map(({ esize, ecode }) => ({ esize, ecode }))).toEqual(spec[file].extensions);
    });
  }
});

describe('NIfTI-2 file with extension', () => {
  it('reads int64 fields and extension', async () => {
    const name = '06-nifti2-header';
    const spec = expected(name)['nifti2_with_extension.nii'];
    const volume = await readCase(name, 'nifti2_with_extension.nii');
    expect(volume.format).toBe('nifti-2');
    expect(volume.dims).toEqual(spec.shape);
    expect(volume.dtype).toBe(spec.dtype);
    expectSamples(volume, spec.samples);
    expectRule(volume, (i, j, k) => i - 100 + 1000 * j + 3000 * k);

    const header = parseNiftiHeader(new Uint8Array(readFileSync(caseFile(name, 'nifti2_with_extension.nii'))), 'nifti2_with_extension.nii');
    expect(header.headerSize).toBe(spec.sizeof_hdr);
    expect(header.voxOffset).toBe(spec.vox_offset);
    expect(header.extensions.map(({ esize, ecode }) => ({ esize, ecode }))).toEqual(spec.extensions);
  });
});

describe('16-bit grayscale PNG file', () => {
  it('keeps 16-bit values', async () => {
    const name = '13-png-16bit-grayscale';
    const spec = expected(name)['gray16.png'];
    const volume = await readCase(name, 'gray16.png');
    expect(volume.dims).toEqual([...spec.size_wh, 1]);
    expect(volume.channels).toBe(1);
    expect(volume.dtype).toBe('uint16');
    expectRowColSamples(volume, spec.samples_row_col);
    expect(minMaxOf(volume.data)).toEqual([spec.min, spec.max]);
  });
});

/** Page 0 of the LZW TIFF: 30000 + 1000 * (x mod 8) + 50 * y, with two overrides in row 0. */
function page0Rule(x: number, y: number): number {
  if (y === 0 && x === 30) return 65535;
  if (y === 0 && x === 31) return 0;
  return 30000 + 1000 * (x % 8) + 50 * y;
}

describe('LZW TIFF with predictor, two pages', () => {
  it('undoes the predictor per 16-bit sample', async () => {
    const name = '14-tiff-lzw-predictor-multipage';
    const spec = expected(name)['image_lzw_pred2_plus_mask.tif'];
    const volume = await readCase(name, 'image_lzw_pred2_plus_mask.tif');
    expect(volume.dims).toEqual([...spec.page0.size_wh, 1]);
    expect(volume.dtype).toBe('uint16');
    expectRowColSamples(volume, spec.page0.samples_row_col);
    expectRule(volume, page0Rule);
  });

  it('exposes the mask page', async () => {
    const name = '14-tiff-lzw-predictor-multipage';
    const spec = expected(name)['image_lzw_pred2_plus_mask.tif'];
    const volume = await readCase(name, 'image_lzw_pred2_plus_mask.tif');
    expect(1 + (volume.pages?.length ?? 0)).toBe(spec.pages);
    const mask = volume.pages![0];
    expect(mask.dims).toEqual([...spec.page1.size_wh, 1]);
    expect(mask.dtype).toBe('uint8');
    expect(sumOf(mask.data)).toBe(spec.page1.foreground_pixels);
    expect([...new Set(mask.data)].sort()).toEqual(spec.page1.values);
    const [[rowMin, rowMax], [colMin, colMax]] = spec.page1.fg_box_rows_cols;
    for (let y = 0; y < mask.dims[1]; y++) {
      for (let x = 0; x < mask.dims[0]; x++) {
        const inside = y >= rowMin && y <= rowMax && x >= colMin && x <= colMax;
        if (voxelAt(mask, x, y) !== 0) expect(inside, `foreground at row ${y}, column ${x}`).toBe(true);
      }
    }
  });
});

describe('MetaImage LOCAL and zraw files', () => {
  const name = '15-metaimage-local-and-zraw';
  const reads: Array<[string, string[]]> = [
    ['ct_local_compressed.mha', []],
    ['ct_local_plain.mha', []],
    ['ct_pair.mhd', ['ct_pair.zraw']],
  ];

  for (const [file, companions] of reads) {
    it(`reads ${file}`, async () => {
      const spec = expected(name).all_three;
      const volume = await readCase(name, file, companions);
      expect(volume.dims).toEqual(spec.shape_xyz);
      expect(volume.dtype).toBe(spec.dtype);
      expectSamples(volume, spec.samples);
      expect(volume.data.byteLength).toBe(spec.uncompressed_bytes);
      expectRule(volume, (i, j, k) => 10 * i + 100 * j + 1000 * k - 1024);
    });
  }
});
