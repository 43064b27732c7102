/**
 * Damaged and unsupported files through `readVolume`. Each error carries its
 * code, names the file and gives a hint on what to do.
 */

import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { encodeNifti } from '../testing/nifti-bytes';
import { readBytes } from '../testing/volumes';
import { labErrorOf } from '../testing/lab-error';

function noise(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 2654435761 + 12345) >>> 24);
}

describe('bad input', () => {
  it('random bytes named .nii.gz', async () => {
    const error = await labErrorOf(() => readBytes('patient/scan.nii.gz', noise(2000)));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toContain('patient/scan.nii.gz');
    expect(error.problem).toContain('NIfTI');
    expect(error.hint).toMatch(/export|download/i);
  });

  it('gzip stream cut in the middle', async () => {
    const gz = gzipSync(encodeNifti({ dims: [64, 64], datatype: 'int16', values: Array.from({ length: 4096 }, (_, i) => i) }));
    const error = await labErrorOf(() => readBytes('cut.nii.gz', gz.subarray(0, gz.length >> 1)));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toContain('cut.nii.gz');
    expect(error.hint).toMatch(/copy or download/i);
  });

  it('NIfTI with short data', async () => {
    const bytes = encodeNifti({ dims: [8, 8], datatype: 'float32', values: new Array(64).fill(1), truncateTo: 352 + 100 });
    const error = await labErrorOf(() => readBytes('short.nii', bytes));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toContain('short.nii');
    expect(error.problem).toContain('256 bytes');
    expect(error.problem).toContain('100');
    expect(error.hint).toBeTruthy();
  });

  it('gzipped NIfTI with short data', async () => {
    const bytes = encodeNifti({ dims: [8, 8], datatype: 'float32', values: new Array(64).fill(1), truncateTo: 352 + 100 });
    const error = await labErrorOf(() => readBytes('short.nii.gz', gzipSync(bytes)));
    expect(error.code).toBe('truncated-file');
  });

  it('NIfTI complex64', async () => {
    const error = await labErrorOf(() => readBytes('complex.nii', encodeNifti({ dims: [2], datatype: 'complex64', values: [1, 0, 2, 0] })));
    expect(error.code).toBe('unsupported-datatype');
    expect(error.message).toContain('complex.nii');
    expect(error.problem).toContain('complex64');
    expect(error.hint).toContain('float32');
  });

  it('text file', async () => {
    const error = await labErrorOf(() => readBytes('notes.txt', new TextEncoder().encode('patient 1: fine\n')));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toContain('notes.txt');
    expect(error.hint).toContain('NIfTI');
    expect(error.hint).toContain('PNG');
  });

  it('empty file', async () => {
    const error = await labErrorOf(() => readBytes('empty.png', new Uint8Array(0)));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toContain('empty.png');
  });

  it('MetaImage without its raw file', async () => {
    const header = new TextEncoder().encode('NDims = 2\nDimSize = 2 2\nElementType = MET_SHORT\nElementDataFile = ct.raw\n');
    const error = await labErrorOf(() => readBytes('study/ct.mhd', header));
    expect(error.code).toBe('missing-companion');
    expect(error.message).toContain('study/ct.mhd');
    expect(error.message).toContain('study/ct.raw');
    expect(error.hint).toMatch(/folder that contains both ct\.mhd and ct\.raw/);
  });

  it('raw data file on its own', async () => {
    const error = await labErrorOf(() => readBytes('ct.raw', noise(100)));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toContain('ct.raw');
    expect(error.hint).toContain('.mhd');
  });

  it('PNG with broken CRC', async () => {
    const png = encodePng({ width: 4, height: 4, data: new Uint8Array(16).fill(3), channels: 1, depth: 8 });
    png[20] ^= 0x01;
    const error = await labErrorOf(() => readBytes('crc.png', png));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toContain('crc.png');
    expect(error.hint).toBeTruthy();
  });

  it('PNG cut short', async () => {
    const png = encodePng({ width: 4, height: 4, data: new Uint8Array(16).fill(3), channels: 1, depth: 8 });
    const error = await labErrorOf(() => readBytes('cut.png', png.subarray(0, 40)));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toContain('cut.png');
    expect(error.hint).toBeTruthy();
  });

  it('MetaImage header named .mhd without fields', async () => {
    const error = await labErrorOf(() => readBytes('broken.mhd', new TextEncoder().encode('this is not a header\n')));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toContain('broken.mhd');
  });
});
