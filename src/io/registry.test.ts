import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { encodeNifti } from '../testing/nifti-bytes';
import { readBytes } from '../testing/volumes';
import { createFileLookup, inputFileFromBytes } from './input-file';
import { describeSupportedFormats, hasSupportedExtension, isCompanionDataFile, readVolume, supportedExtensions } from './registry';

const nifti = encodeNifti({ dims: [2, 2], datatype: 'uint8', values: [1, 2, 3, 4] });
const png = encodePng({ width: 2, height: 1, data: Uint8Array.of(5, 6), channels: 1, depth: 8 });
const metaImage = new TextEncoder().encode('NDims = 1\nDimSize = 2\nElementType = MET_UCHAR\nElementDataFile = LOCAL\n\x07\x08');

describe('registry sniffing', () => {
  it('reads content under a wrong extension', async () => {
    expect((await readBytes('photo.jpg', png)).format).toBe('png');
    expect((await readBytes('scan.png', nifti)).format).toBe('nifti-1');
  });

  it('inflates gzip whatever the name', async () => {
    const volume = await readBytes('scan.nii', gzipSync(nifti));
    expect(Array.from(volume.data)).toEqual([1, 2, 3, 4]);
  });

  it('reads uncompressed data named .nii.gz', async () => {
    expect((await readBytes('scan.nii.gz', nifti)).format).toBe('nifti-1');
  });

  it('finds MetaImage by its header text', async () => {
    const volume = await readBytes('image.dat', metaImage);
    expect(volume.format).toBe('metaimage');
    expect(Array.from(volume.data)).toEqual([7, 8]);
  });

  it('gzip-wrapped PNG', async () => {
    expect((await readBytes('a.png.gz', gzipSync(png))).format).toBe('png');
  });

  it('accepts a Node Buffer', async () => {
    const buffer = Buffer.from(nifti);
    const file = { path: 'a.nii', size: buffer.length, bytes: async () => buffer };
    const volume = await readVolume(file, createFileLookup([file]));
    expect(Array.from(volume.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(buffer.subarray(352))).toEqual([1, 2, 3, 4]);
  });

  it('leaves the input bytes unchanged', async () => {
    const bigEndian = encodeNifti({ dims: [2], datatype: 'int16', values: [1, 2], littleEndian: false });
    const before = Array.from(bigEndian);
    const file = inputFileFromBytes('a.nii', bigEndian);
    await readVolume(file, createFileLookup([file]));
    expect(Array.from(bigEndian)).toEqual(before);
  });
});

describe('registry file names', () => {
  it('supportedExtensions lists every format', () => {
    expect(supportedExtensions).toEqual(
      expect.arrayContaining(['.nii', '.nii.gz', '.mhd', '.mha', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.gif', '.bmp']),
    );
  });

  it('hasSupportedExtension ignores case', () => {
    expect(hasSupportedExtension('dir/SCAN.NII.GZ')).toBe(true);
    expect(hasSupportedExtension('notes.txt')).toBe(false);
    expect(hasSupportedExtension('scan.raw')).toBe(false);
  });

  it('isCompanionDataFile matches raw and zraw', () => {
    expect(isCompanionDataFile('a/b.raw')).toBe(true);
    expect(isCompanionDataFile('b.ZRAW')).toBe(true);
    expect(isCompanionDataFile('b.mhd')).toBe(false);
  });

  it('describeSupportedFormats names the formats', () => {
    const text = describeSupportedFormats();
    for (const name of ['NIfTI', 'MetaImage', 'PNG', 'JPEG', 'TIFF', 'GIF', 'BMP']) expect(text).toContain(name);
  });
});
