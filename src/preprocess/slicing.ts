/**
 * Cuts a normalised image volume and its labels into 2D slices along the
 * acquisition axis z, one per slice of each frame, then squares and resizes
 * each to the dataset's side.
 */

import type { NormalizedVolume } from './normalize';
import { resizeImage, resizeNearest } from './resample';
import type { Slice, SliceSize } from './slice-dataset';
import { toSquare, type SquareFit } from './square';

export interface SlicingOptions {
  size: SliceSize;
  fit: SquareFit;
  /** Leave out slices whose resized mask has no foreground pixel. */
  dropEmptySlices: boolean;
}

export interface SliceSource {
  pairId: string;
  subject: string;
  /** Voxel counts x, y, z. */
  dims: [number, number, number];
  frames: number;
  image: NormalizedVolume;
  /** One label per voxel, `[frame][z][y][x]`. */
  labels: Uint8Array;
}

export function sliceVolume(source: SliceSource, options: SlicingOptions): Slice[] {
  const [width, height, depth] = source.dims;
  const channels = source.image.channels;
  const pixels = width * height;
  const slices: Slice[] = [];

  // Slice (frame, z) is contiguous in `[frame][z][y][x][channel]` order.
  for (let index = 0; index < source.frames * depth; index++) {
    const labels = resizeLabels(source.labels.subarray(index * pixels, (index + 1) * pixels), width, height, options);
    if (options.dropEmptySlices && !hasForeground(labels)) continue;

    const image = source.image.data.subarray(index * pixels * channels, (index + 1) * pixels * channels);
    slices.push({
      pairId: source.pairId,
      subject: source.subject,
      index,
      image: resizeSlice(image, width, height, channels, options),
      labels,
    });
  }
  return slices;
}

function resizeSlice(image: Float32Array, width: number, height: number, channels: number, options: SlicingOptions): Float32Array {
  const square = toSquare(image, width, height, channels, options.fit, -1);
  const side = Math.sqrt(square.length / channels);
  return resizeImage(square, side, side, channels, options.size, options.size);
}

function resizeLabels(labels: Uint8Array, width: number, height: number, options: SlicingOptions): Uint8Array {
  const square = toSquare(labels, width, height, 1, options.fit, 0);
  const side = Math.sqrt(square.length);
  return resizeNearest(square, side, side, options.size, options.size);
}

export function hasForeground(labels: Uint8Array): boolean {
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0) return true;
  return false;
}
