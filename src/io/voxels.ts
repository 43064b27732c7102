/**
 * Typed voxel arrays from raw bytes: element sizes, byte-order swaps and the
 * rule on when a reader may keep a view into its input instead of copying.
 */

import type { VoxelArray, VoxelType } from './volume';

export const bytesPerVoxel: Record<VoxelType, number> = {
  uint8: 1,
  int8: 1,
  uint16: 2,
  int16: 2,
  uint32: 4,
  int32: 4,
  float32: 4,
  float64: 8,
};

type VoxelArrayConstructor = {
  new (length: number): VoxelArray;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): VoxelArray;
};

const constructors: Record<VoxelType, VoxelArrayConstructor> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function allocateVoxels(dtype: VoxelType, length: number): VoxelArray {
  return new constructors[dtype](length);
}

/** Returns the voxel type of a typed array, or undefined for arrays outside `VoxelArray`. */
export function voxelTypeOf(array: ArrayBufferView): VoxelType | undefined {
  for (const [dtype, constructor] of Object.entries(constructors)) {
    if (array.constructor === constructor) return dtype as VoxelType;
  }
  return undefined;
}

/**
 * Copies `bytes[start, end)` into a new buffer. `Uint8Array.prototype.slice`
 * is not used because a Node `Buffer` overrides `slice` to return a view.
 */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}

/** Reverses the byte order of each `elementSize`-byte element of `bytes`, in place. */
export function swapByteOrder(bytes: Uint8Array, elementSize: number): void {
  const aligned = bytes.byteOffset % elementSize === 0 && bytes.byteLength % elementSize === 0;
  if (elementSize === 2 && aligned) {
    const words = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      words[i] = (w >>> 8) | ((w & 0xff) << 8);
    }
    return;
  }
  if (elementSize === 4 && aligned) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      words[i] = ((w & 0xff) << 24) | ((w & 0xff00) << 8) | ((w >>> 8) & 0xff00) | (w >>> 24);
    }
    return;
  }
  for (let i = 0; i + elementSize <= bytes.length; i += elementSize) {
    for (let a = i, b = i + elementSize - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/**
 * Interprets `count` voxels of `dtype` stored at `bytes[offset]` in the given
 * byte order. When `owned` is true the caller created `bytes` for this read
 * (an inflated stream), so the result may be a view into it and may be
 * swapped in place. Otherwise the voxels are copied, because the input may be
 * the caller's buffer, which must neither change nor be kept alive.
 */
export function voxelArrayFromBytes(
  dtype: VoxelType,
  bytes: Uint8Array,
  offset: number,
  count: number,
  littleEndian: boolean,
  owned: boolean,
): VoxelArray {
  const size = bytesPerVoxel[dtype];
  const byteLength = count * size;
  const inPlace = owned && (bytes.byteOffset + offset) % size === 0;
  const region = inPlace
    ? bytes.subarray(offset, offset + byteLength)
    : copyBytes(bytes, offset, offset + byteLength);
  if (size > 1 && littleEndian !== hostIsLittleEndian) swapByteOrder(region, size);
  return new constructors[dtype](region.buffer, region.byteOffset, count);
}
