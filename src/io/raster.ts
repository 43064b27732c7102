/**
 * Helpers shared by the 2D raster readers (PNG, JPEG, TIFF, GIF, BMP).
 *
 * A raster becomes a Volume with dims [width, height, 1], y = 0 the top row,
 * channels interleaved per pixel and spacing [1, 1, 1].
 * NOTE: resolution tags (PNG pHYs, TIFF XResolution, BMP pixels per metre)
 * are ignored, because they usually hold a print resolution, not a pixel size.
 */

import type { Volume, VolumeFormat, VoxelArray, VoxelType } from './volume';
import { allocateVoxels, voxelTypeOf } from './voxels';

export function rasterVolume(
  source: string,
  format: VolumeFormat,
  width: number,
  height: number,
  pixels: { data: VoxelArray; channels: number },
): Volume {
  const dtype = voxelTypeOf(pixels.data);
  if (!dtype) throw new TypeError(`raster data of ${source} is not a voxel array`);
  return {
    source,
    format,
    dims: [width, height, 1],
    frames: 1,
    channels: pixels.channels,
    spacing: [1, 1, 1],
    dtype,
    data: pixels.data,
  };
}

/** Value that means "fully opaque" in an alpha channel of each type. */
const opaqueAlpha: Record<VoxelType, number> = {
  uint8: 0xff,
  int8: 0x7f,
  uint16: 0xffff,
  int16: 0x7fff,
  uint32: 0xffffffff,
  int32: 0x7fffffff,
  float32: 1,
  float64: 1,
};

/**
 * Drops information-free channels so that masks and grayscale images saved in
 * colour formats load as one channel: an alpha channel that is opaque at every
 * pixel is removed, and an RGB image with R = G = B at every pixel is reduced
 * to one gray channel (keeping a non-trivial alpha as a second channel).
 */
export function simplifyChannels(pixels: { data: VoxelArray; channels: number }): { data: VoxelArray; channels: number } {
  let { data, channels } = pixels;
  if ((channels === 2 || channels === 4) && alphaIsOpaque(data, channels)) {
    data = keepChannels(data, channels, channels === 2 ? [0] : [0, 1, 2]);
    channels -= 1;
  }
  if ((channels === 3 || channels === 4) && isGray(data, channels)) {
    data = keepChannels(data, channels, channels === 3 ? [0] : [0, 3]);
    channels = channels === 3 ? 1 : 2;
  }
  return { data, channels };
}

function alphaIsOpaque(data: VoxelArray, channels: number): boolean {
  const dtype = voxelTypeOf(data);
  const opaque = dtype ? opaqueAlpha[dtype] : Number.NaN;
  for (let i = channels - 1; i < data.length; i += channels) {
    if (data[i] !== opaque) return false;
  }
  return true;
}

function isGray(data: VoxelArray, channels: number): boolean {
  for (let i = 0; i < data.length; i += channels) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}

function keepChannels(data: VoxelArray, channels: number, kept: readonly number[]): VoxelArray {
  const dtype = voxelTypeOf(data) ?? 'float64';
  const pixels = data.length / channels;
  const out = allocateVoxels(dtype, pixels * kept.length);
  for (let p = 0, o = 0; p < pixels; p++) {
    const base = p * channels;
    for (const c of kept) out[o++] = data[base + c];
  }
  return out;
}
