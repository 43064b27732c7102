/**
 * Real sample files, read in place and compared with values that
 * scripts/reference/io_reference.py computed with nibabel, Pillow and numpy.
 */

import { describe, expect, it } from 'vitest';

import { sharedDataDir, sharedPath } from '../testing/shared';
import { minMaxOf, readDiskFiles, sumOf, voxelAt } from '../testing/volumes';
import reference from './fixtures/reference.json';
import type { Volume } from './volume';

interface ReferenceEntry {
  /** [x, y, z] for volumes, [x, y] or [x, y, channel] for rasters. */
  shape: number[];
  dtype: string;
  spacing: number[];
  sum: number;
  min: number;
  max: number;
  channels_last: boolean;
  samples: Array<{ index: number[]; value: number }>;
}

const entries = reference.files as Record<string, ReferenceEntry>;

/** MetaImage headers and the data files that must be dropped with them. */
const companions: Record<string, string[]> = {
  'liver-ct/liver-orig001.mhd': ['liver-ct/liver-orig001.raw'],
  'liver-ct/liver-seg001.mhd': ['liver-ct/liver-seg001.zraw'],
  'metaimage-headmr/HeadMRVolume.mhd': ['metaimage-headmr/HeadMRVolume.raw'],
};

/** JPEG decoders differ in IDCT rounding and chroma upsampling, so JPEG values get a tolerance. */
const JPEG_SAMPLE_TOLERANCE = 4;
const JPEG_MEAN_TOLERANCE = 0.5;

async function readShared(path: string): Promise<Volume> {
  const files: Record<string, string> = { [path]: sharedPath(sharedDataDir, path) };
  for (const companion of companions[path] ?? []) files[companion] = sharedPath(sharedDataDir, companion);
  return readDiskFiles(files);
}

function sampleOf(volume: Volume, entry: ReferenceEntry, index: number[]): number {
  if (entry.channels_last) return voxelAt(volume, index[0], index[1], 0, 0, index[2]);
  return voxelAt(volume, index[0], index[1], index[2] ?? 0);
}

describe('real sample data', () => {
  for (const [path, entry] of Object.entries(entries)) {
    it(`reads ${path}`, async () => {
      const volume = await readShared(path);
      const isJpeg = path.endsWith('.jpg');

      expect(volume.dims).toEqual([entry.shape[0], entry.shape[1], entry.channels_last ? 1 : entry.shape[2] ?? 1]);
      expect(volume.channels).toBe(entry.channels_last ? entry.shape[2] : 1);
      expect(volume.frames).toBe(1);
      expect(volume.dtype).toBe(entry.dtype);
      expect(volume.spacing).toEqual(entry.spacing);

      const [min, max] = minMaxOf(volume.data);
      if (isJpeg) {
        const count = volume.data.length;
        expect(Math.abs(sumOf(volume.data) / count - entry.sum / count)).toBeLessThan(JPEG_MEAN_TOLERANCE);
      } else {
        expect(sumOf(volume.data)).toBeCloseTo(entry.sum, 6);
        expect(min).toBe(entry.min);
        expect(max).toBe(entry.max);
      }
      for (const { index, value } of entry.samples) {
        const actual = sampleOf(volume, entry, index);
        if (isJpeg) expect(Math.abs(actual - value), `sample ${index}`).toBeLessThanOrEqual(JPEG_SAMPLE_TOLERANCE);
        else expect(actual, `sample ${index}`).toBe(value);
      }
    });
  }
});

describe('liver CT in two formats', () => {
  const pairs: Array<[string, string]> = [
    ['liver-ct/liver-orig001.mhd', 'liver-ct/ct001.nii.gz'],
    ['liver-ct/liver-seg001.mhd', 'liver-ct/ct001_liver.nii.gz'],
  ];

  for (const [metaImage, nifti] of pairs) {
    it(`${metaImage} equals ${nifti}`, async () => {
      const a = await readShared(metaImage);
      const b = await readShared(nifti);
      expect(a.dims).toEqual(b.dims);
      expect(a.spacing).toEqual(b.spacing);
      expect(a.data.length).toBe(b.data.length);
      let mismatches = 0;
      let first = -1;
      for (let i = 0; i < a.data.length; i++) {
        if (a.data[i] !== b.data[i]) {
          mismatches++;
          if (first < 0) first = i;
        }
      }
      expect(mismatches, `first mismatch at index ${first}`).toBe(0);
    });
  }
});
