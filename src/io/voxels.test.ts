import { describe, expect, it } from 'vitest';

import { swapByteOrder, voxelArrayFromBytes } from './voxels';

describe('swapByteOrder', () => {
  for (const size of [2, 4, 8]) {
    for (const offset of [0, 1]) {
      it(`${size}-byte elements at offset ${offset}`, () => {
        const backing = Uint8Array.from({ length: offset + 3 * size }, (_, i) => i);
        const bytes = backing.subarray(offset);
        swapByteOrder(bytes, size);
        const expected = Array.from({ length: 3 * size }, (_, i) => offset + Math.floor(i / size) * size + (size - 1 - (i % size)));
        expect(Array.from(bytes)).toEqual(expected);
      });
    }
  }
});

describe('voxelArrayFromBytes', () => {
  const bytes = Uint8Array.of(0xff, 0x01, 0x02, 0x03, 0x04);

  it('copies input it does not own', () => {
    const voxels = voxelArrayFromBytes('uint16', bytes, 1, 2, true, false);
    expect(Array.from(voxels)).toEqual([0x0201, 0x0403]);
    expect(voxels.buffer).not.toBe(bytes.buffer);
    expect(voxels.byteLength).toBe(voxels.buffer.byteLength);
  });

  it('swaps big-endian values', () => {
    expect(Array.from(voxelArrayFromBytes('int16', bytes, 1, 2, false, false))).toEqual([0x0102, 0x0304]);
  });

  it('views owned aligned input', () => {
    const owned = Uint8Array.of(0, 0, 1, 0, 2, 0);
    const voxels = voxelArrayFromBytes('uint16', owned, 2, 2, true, true);
    expect(Array.from(voxels)).toEqual([1, 2]);
    expect(voxels.buffer).toBe(owned.buffer);
  });

  it('copies owned unaligned input', () => {
    const owned = Uint8Array.of(0, 1, 0, 2, 0);
    const voxels = voxelArrayFromBytes('uint16', owned, 1, 2, true, true);
    expect(Array.from(voxels)).toEqual([1, 2]);
    expect(voxels.buffer).not.toBe(owned.buffer);
  });
});
