/**
 * Reads one image/mask pair and turns it into slices: shape check, mask
 * decoding, intensity normalisation, slicing and resizing.
 */

import { LabError } from '../core/errors';
import type { FileLookup, InputFile } from '../io/input-file';
import type { ImageMaskPair } from '../io/pairing';
import { readVolume } from '../io/registry';
import { decodeMask } from './mask';
import { chooseModality, normalizeVolume } from './normalize';
import type { PairReport } from './report';
import { checkSameShape } from './shapes';
import type { IngestOptions, Slice } from './slice-dataset';
import { sliceVolume } from './slicing';

export interface LoadedPair {
  report: PairReport;
  slices: Slice[];
  /** Label values of the whole mask, ascending. */
  labelValues: number[];
}

export async function loadPair(
  pair: ImageMaskPair,
  lookup: FileLookup,
  options: IngestOptions,
  expectedChannels: number | undefined,
): Promise<LoadedPair> {
  const [image, mask] = await Promise.all([
    readVolume(fileOf(lookup, pair.image), lookup),
    readVolume(fileOf(lookup, pair.mask), lookup),
  ]);
  checkSameShape(image, mask);
  const decoded = decodeMask(mask, options.labels);

  const modality = chooseModality(image, pair.layout, options.modality);
  const normalized = normalizeVolume(image, modality, options);
  if (expectedChannels !== undefined && normalized.channels !== expectedChannels) {
    throw new LabError(
      'shape-mismatch',
      `image gives ${normalized.channels}-channel slices (${modality}), but the dataset's earlier images give ${expectedChannels}-channel slices`,
      { file: pair.image, hint: 'Drop images of one colour mode, or set the modality so that all images are read alike.' },
    );
  }

  const slices = sliceVolume(
    { pairId: pair.id, subject: pair.subject, dims: image.dims, frames: image.frames, image: normalized, labels: decoded.labels },
    { size: options.size, fit: options.squareFit ?? 'pad', dropEmptySlices: options.dropEmptySlices },
  );
  const report: PairReport = {
    ...pair,
    modality,
    maskEncoding: decoded.encoding,
    dims: image.dims,
    frames: image.frames,
    intensityRanges: normalized.ranges,
    slices: slices.length,
  };
  return { report, slices, labelValues: decoded.values };
}

function fileOf(lookup: FileLookup, path: string): InputFile {
  const file = lookup.get(path);
  if (file) return file;
  throw new LabError('not-found', 'file is listed in a pair but is missing from the dropped files', {
    file: path,
    hint: 'Drop the folder again.',
  });
}
