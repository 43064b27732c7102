import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it, test } from 'vitest';

import { labErrorOf } from '../testing/lab-error';
import { defaultGzipEngine, gunzip as gunzipWith, isGzip, type GzipEngine } from './gzip';

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
}

const first = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
const second = Uint8Array.from({ length: 700 }, (_, i) => (i * 7) % 256);

test('Node uses its native zlib', () => {
  expect(defaultGzipEngine).toBe('native');
});

// Browsers run the portable engine and Node the native one: both must agree.
describe.each<GzipEngine>(['native', 'portable'])('gunzip with the %s engine', (engine) => {
  const gunzip = (bytes: Uint8Array, file: string) => gunzipWith(bytes, file, engine);

  it('one member', () => {
    expect(gunzip(gzipSync(first), 'a.gz')).toEqual(first);
  });

  it('several members', () => {
    const joined = concat(gzipSync(first), gzipSync(second), gzipSync(first));
    expect(gunzip(joined, 'a.gz')).toEqual(concat(first, second, first));
  });

  it('empty last member as bgzip writes', () => {
    const joined = concat(gzipSync(first), gzipSync(second), gzipSync(new Uint8Array(0)));
    expect(gunzip(joined, 'a.gz')).toEqual(concat(first, second));
    // The reason for not using gunzipSync: it trusts the last member's ISIZE of 0.
    expect(gunzipSync(joined).length).toBe(0);
  });

  it('member with file name', () => {
    const named = gzipSync(first, { filename: 'scan.nii' });
    expect(gunzip(concat(named, gzipSync(second)), 'a.gz')).toEqual(concat(first, second));
  });

  it('stream cut in the middle', async () => {
    const gz = gzipSync(Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));
    const error = await labErrorOf(async () => gunzip(gz.subarray(0, gz.length >> 1), 'cut.nii.gz'));
    expect(error.code).toBe('truncated-file');
    expect(error.file).toBe('cut.nii.gz');
  });

  it('CRC mismatch', async () => {
    const gz = gzipSync(first);
    gz[gz.length - 8] ^= 0xff;
    const error = await labErrorOf(async () => gunzip(gz, 'crc.gz'));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toMatch(engine === 'native' ? /incorrect data check/ : /CRC-32/);
  });

  it('ISIZE mismatch', async () => {
    const gz = gzipSync(first);
    gz[gz.length - 4] ^= 0x01;
    const error = await labErrorOf(async () => gunzip(gz, 'size.gz'));
    expect(error.code).toBe('corrupt-file');
    expect(error.problem).toMatch(engine === 'native' ? /incorrect length check/ : /1000/);
  });

  it('invalid deflate data', async () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 256);
    bytes.set([0x1f, 0x8b, 8, 0], 0);
    const error = await labErrorOf(async () => gunzip(bytes, 'noise.gz'));
    expect(error.code).toBe('corrupt-file');
    expect(error.hint).toBeTruthy();
  });

  it('isGzip checks the magic', () => {
    expect(isGzip(gzipSync(first))).toBe(true);
    expect(isGzip(first)).toBe(false);
    expect(isGzip(new Uint8Array(1))).toBe(false);
  });
});
