/** The file layout of a synthetic dataset archive: the files per sample and the metadata files. */

import type { ZipStream } from './zip-stream';

/** One sample as views into its batch. */
export interface SampleView {
  /** `[side, side, imageChannels]` in [-1, 1]. */
  image: Float32Array;
  /** `[side, side]` class ids. */
  classIds: Uint8Array;
}

export interface DatasetLayout {
  /** Adds the files of sample `number`, counted from 1. */
  addSample(zip: ZipStream, number: number, sample: SampleView): void;
  /** Adds the files that describe the dataset, once all `count` samples are in. */
  addMetadata(zip: ZipStream, count: number): void;
}

/** Class name to class id, background first, as nnU-Net's dataset.json lists labels. */
export function labelIds(classNames: readonly string[]): Record<string, number> {
  return Object.fromEntries([['background', 0], ...classNames.map((name, k) => [name, k + 1])]);
}
