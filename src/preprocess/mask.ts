/**
 * Decoding of segmentation masks: detects how a mask stores its labels and
 * turns it into one label value per voxel (`Uint8Array`, values 0..255).
 *
 * - Binary masks hold two values, background 0 and one foreground value:
 *   1 (`binary-0-1`), 255 (`binary-0-255`) or the maximum of the voxel type,
 *   such as 65535 in uint16 (`binary-0-max`). Foreground is raw value > 0,
 *   so 0/1 and 0/255 masks decode to the same 0/1 labels.
 * - Colour masks whose channels differ (`binary-color`) are binary with
 *   foreground where any colour channel is > 0; alpha is ignored. Colour
 *   masks with equal channels are read as gray.
 * - Anything else is a `label-map` of integer values 0..255, kept as is.
 */

import { LabError } from '../core/errors';
import type { Volume, VoxelArray } from '../io/volume';
import { integerMaximum } from './normalize';
import type { LabelScheme, MaskEncoding } from './slice-dataset';

export interface DecodedMask {
  encoding: MaskEncoding;
  /** One label per voxel, `[frame][z][y][x]`. */
  labels: Uint8Array;
  /** Distinct label values present, ascending. */
  values: number[];
}

/** Distinct values beyond which a mask cannot be a label map of 0..255. */
const MAX_DISTINCT = 256;

export function decodeMask(volume: Volume, scheme: LabelScheme | null): DecodedMask {
  const colour = volume.channels >= 3 && !channelsEqual(volume.data, volume.channels);
  const decoded = colour ? decodeColourMask(volume) : decodeGrayMask(volume, scheme);
  if (scheme) checkAgainstScheme(decoded.values, scheme, volume.source);
  return decoded;
}

/** True when every voxel has the same value in its three colour channels (a gray image saved as RGB). */
function channelsEqual(data: VoxelArray, channels: number): boolean {
  for (let i = 0; i < data.length; i += channels) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}

function decodeColourMask(volume: Volume): DecodedMask {
  const { data, channels } = volume;
  const labels = new Uint8Array(data.length / channels);
  let foreground = 0;
  for (let v = 0, i = 0; v < labels.length; v++, i += channels) {
    const on = data[i] > 0 || data[i + 1] > 0 || data[i + 2] > 0 ? 1 : 0;
    labels[v] = on;
    foreground += on;
  }
  return { encoding: 'binary-color', labels, values: valuesOfBinary(foreground, labels.length) };
}

function valuesOfBinary(foreground: number, total: number): number[] {
  if (foreground === 0) return [0];
  return foreground === total ? [1] : [0, 1];
}

function decodeGrayMask(volume: Volume, scheme: LabelScheme | null): DecodedMask {
  const { data, channels } = volume;
  const raw = distinctValues(data, channels, volume.source);
  const encoding = detectEncoding(raw, volume, scheme);
  const labels = new Uint8Array(data.length / channels);

  if (encoding === 'label-map') {
    for (let v = 0, i = 0; v < labels.length; v++, i += channels) labels[v] = data[i];
    return { encoding, labels, values: raw };
  }
  for (let v = 0, i = 0; v < labels.length; v++, i += channels) labels[v] = data[i] > 0 ? 1 : 0;
  return { encoding, labels, values: raw.map((value) => (value > 0 ? 1 : 0)) };
}

/**
 * Classifies the raw values. A binary foreground value that the label
 * scheme declares (255 without 1) stays a raw label instead of becoming 1.
 */
function detectEncoding(raw: number[], volume: Volume, scheme: LabelScheme | null): MaskEncoding {
  const foreground = raw.filter((value) => value !== 0);
  if (foreground.length === 0 || (foreground.length === 1 && foreground[0] === 1)) return 'binary-0-1';
  if (foreground.length === 1) {
    const value = foreground[0];
    const keptByScheme = scheme !== null && scheme.values.includes(value) && !scheme.values.includes(1);
    if (!keptByScheme && value === 255) return 'binary-0-255';
    if (!keptByScheme && value === integerMaximum(volume.dtype)) return 'binary-0-max';
  }
  for (const value of raw) checkLabelValue(value, volume.source);
  return 'label-map';
}

function checkLabelValue(value: number, file: string): void {
  if (Number.isInteger(value) && value >= 0 && value <= 255) return;
  throw new LabError('invalid-mask', `mask value ${value} is not an integer label in 0..255`, {
    file,
    hint: 'A mask must hold integer class labels 0..255 or a binary 0/1 or 0/255 foreground; check that this file is a segmentation and not an image.',
  });
}

/** Sorted distinct values of the first channel; stops early once the values cannot be a label map. */
function distinctValues(data: VoxelArray, channels: number, file: string): number[] {
  const seen = new Set<number>();
  let last = Number.NaN;
  for (let i = 0; i < data.length; i += channels) {
    const value = data[i];
    if (value === last) continue;
    if (value !== value) throw new LabError('invalid-mask', 'mask value NaN is not an integer label in 0..255', { file });
    last = value;
    seen.add(value);
    if (seen.size > MAX_DISTINCT) break;
  }
  return [...seen].sort((a, b) => a - b);
}

function checkAgainstScheme(values: number[], scheme: LabelScheme, file: string): void {
  const undeclared = values.filter((value) => !scheme.values.includes(value));
  if (undeclared.length === 0) return;
  const declared = scheme.values.map((value, i) => `${value} ${scheme.names[i]}`).join(', ');
  throw new LabError(
    'too-many-labels',
    `mask holds label values ${undeclared.join(', ')} that the label scheme does not declare (declared: ${declared})`,
    {
      file,
      hint: 'Add these values to the label scheme, or switch the labels to the values found in the masks.',
    },
  );
}
