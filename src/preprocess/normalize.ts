/**
 * Intensity normalisation of one image volume to [-1, 1], the range the
 * generator's tanh output has.
 *
 * - MRI: clip to the lower and upper percentiles of the whole volume (all
 *   frames and slices), then scale linearly: x' = 2 (clip(x) - lo) / (hi - lo) - 1.
 * - CT: clip to a Hounsfield window [L - W/2, L + W/2], then scale the same way.
 * - RGB: each of the first three channels; integer types divide by the
 *   type's maximum (8-bit: x' = 2 x / 255 - 1), float channels already in
 *   [0, 1] scale as 2 x - 1, other float channels take the MRI percentiles.
 *
 * NaN voxels become -1, the value of empty background.
 */

import { LabError } from '../core/errors';
import type { Volume, VoxelArray, VoxelType } from '../io/volume';
import type { PairLayout } from '../io/pairing';
import { percentiles } from './percentile';
import type { CtWindow, IngestOptions, Modality } from './slice-dataset';

export interface NormalizedVolume {
  /** Values in [-1, 1], `[frame][z][y][x][channel]` like the source. */
  data: Float32Array;
  /** 1 for MRI and CT, 3 for RGB. */
  channels: number;
  modality: Modality;
  /** Source intensities mapped to -1 and 1, per output channel. */
  ranges: [number, number][];
}

/** Values below this (in HU, where air is -1000) occur in CT and not in MRI. */
export const CT_MINIMUM_THRESHOLD = -500;

/** Picks the modality of `auto`: RGB for 3+ channels, CT for SLiver07 or air-like values, else MRI. */
export function chooseModality(volume: Volume, layout: PairLayout, requested: IngestOptions['modality']): Modality {
  if (requested !== 'auto') return requested;
  if (volume.channels >= 3) return 'rgb';
  if (layout === 'sliver07') return 'ct';
  return minimumOf(volume.data, volume.channels) < CT_MINIMUM_THRESHOLD ? 'ct' : 'mri';
}

function minimumOf(data: VoxelArray, stride: number): number {
  let minimum = Infinity;
  for (let i = 0; i < data.length; i += stride) if (data[i] < minimum) minimum = data[i];
  return minimum;
}

export function normalizeVolume(
  volume: Volume,
  modality: Modality,
  options: Pick<IngestOptions, 'ctWindow' | 'mriPercentiles'>,
): NormalizedVolume {
  if (modality === 'rgb') return normalizeRgb(volume, options.mriPercentiles);

  const gray = grayValues(volume);
  const range = modality === 'ct' ? windowRange(options.ctWindow) : percentileRange(gray, volume, options.mriPercentiles);
  const data = new Float32Array(gray.length);
  scaleInto(data, gray, 0, 1, range);
  return { data, channels: 1, modality, ranges: [range] };
}

export function windowRange(window: CtWindow): [number, number] {
  return [window.level - window.width / 2, window.level + window.width / 2];
}

function percentileRange(values: VoxelArray, volume: Volume, [lower, upper]: [number, number]): [number, number] {
  try {
    const [lo, hi] = percentiles(values, [lower, upper]);
    return [lo, hi];
  } catch (error) {
    if (error instanceof LabError) throw new LabError('corrupt-file', error.problem, { file: volume.source, hint: error.hint });
    throw error;
  }
}

/**
 * Returns the single channel that MRI and CT normalise: the volume itself,
 * the gray channel of gray+alpha, or the BT.601 luma 0.299 R + 0.587 G +
 * 0.114 B of a colour image that was forced to a grayscale modality.
 */
function grayValues(volume: Volume): VoxelArray {
  const { data, channels } = volume;
  if (channels === 1) return data;
  const voxels = data.length / channels;
  const gray = new Float32Array(voxels);
  if (channels < 3) {
    for (let v = 0; v < voxels; v++) gray[v] = data[v * channels];
    return gray;
  }
  for (let v = 0; v < voxels; v++) {
    const i = v * channels;
    gray[v] = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  }
  return gray;
}

/** Writes 2 (clip(x) - lo) / (hi - lo) - 1 for every `stride`-th value from `offset`; NaN gives -1. */
function scaleInto(
  target: Float32Array,
  source: VoxelArray,
  offset: number,
  stride: number,
  [lo, hi]: [number, number],
  targetStride = 1,
  targetOffset = 0,
): void {
  // When hi == lo (a constant or nearly constant image), values up to lo map to -1 and values above to 1.
  const scale = hi > lo ? 2 / (hi - lo) : 0;
  for (let i = offset, j = targetOffset; i < source.length; i += stride, j += targetStride) {
    const value = source[i];
    if (value <= lo || value !== value) target[j] = -1;
    else if (value >= hi) target[j] = 1;
    else target[j] = (value - lo) * scale - 1;
  }
}

function normalizeRgb(volume: Volume, mriPercentiles: [number, number]): NormalizedVolume {
  if (volume.channels < 3) {
    throw new LabError('invalid-config', `modality rgb needs 3 colour channels, but the image has ${volume.channels}`, {
      file: volume.source,
      field: 'modality',
      hint: 'Choose auto or mri for grayscale images.',
    });
  }
  const voxels = volume.data.length / volume.channels;
  const data = new Float32Array(voxels * 3);
  const ranges: [number, number][] = [];
  for (let c = 0; c < 3; c++) {
    const range = rgbRange(volume, c, mriPercentiles);
    scaleInto(data, volume.data, c, volume.channels, range, 3, c);
    ranges.push(range);
  }
  return { data, channels: 3, modality: 'rgb', ranges };
}

function rgbRange(volume: Volume, channel: number, mriPercentiles: [number, number]): [number, number] {
  const maximum = integerMaximum(volume.dtype);
  if (maximum !== undefined) return [0, maximum];
  const layout = { offset: channel, stride: volume.channels };
  let inUnitRange = true;
  for (let i = channel; i < volume.data.length && inUnitRange; i += volume.channels) {
    inUnitRange = volume.data[i] >= 0 && volume.data[i] <= 1;
  }
  if (inUnitRange) return [0, 1];
  const [lo, hi] = percentiles(volume.data, mriPercentiles, layout);
  return [lo, hi];
}

/** Largest value of an integer voxel type; undefined for floats. */
export function integerMaximum(dtype: VoxelType): number | undefined {
  switch (dtype) {
    case 'uint8':
      return 255;
    case 'int8':
      return 127;
    case 'uint16':
      return 65535;
    case 'int16':
      return 32767;
    case 'uint32':
      return 4294967295;
    case 'int32':
      return 2147483647;
    default:
      return undefined;
  }
}
