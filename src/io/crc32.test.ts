import { crc32 as nodeCrc32 } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { crc32 } from './crc32';

describe('crc32', () => {
  it('check value of "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('empty input is 0', () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('matches zlib for every length up to 40', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) % 256);
    for (let length = 0; length <= bytes.length; length++) {
      expect(crc32(bytes.subarray(0, length)), `length ${length}`).toBe(nodeCrc32(bytes.subarray(0, length)));
    }
  });

  it('matches zlib on unaligned views', () => {
    const bytes = Uint8Array.from({ length: 10_003 }, (_, i) => (i * 2654435761) >>> 24);
    expect(crc32(bytes.subarray(3))).toBe(nodeCrc32(bytes.subarray(3)));
  });
});
