/** Types of an ingest's report (pairs used, files left out or failed, the dataset's make-up), sink and hooks. */

import type { ErrorCode } from '../core/errors';
import type { LeftOutFile, PairLayout } from '../io/pairing';
import type { ClassInfo, DatasetSplit, MaskEncoding, Modality, Slice, SliceSize } from './slice-dataset';

export interface PairReport {
  id: string;
  subject: string;
  image: string;
  mask: string;
  layout: PairLayout;
  frame?: number;
  /** Modality the intensities were normalised as. */
  modality: Modality;
  maskEncoding: MaskEncoding;
  /** Source voxel counts x, y, z. */
  dims: [number, number, number];
  frames: number;
  /** Source intensities mapped to -1 and 1, per output channel. */
  intensityRanges: [number, number][];
  /** Slices of the pair handed to the sink. */
  slices: number;
}

/** A pair that could not be loaded; the others still were. */
export interface IngestFailure {
  /** The file at fault, or the pair's image when the error names none. */
  file: string;
  code: ErrorCode;
  message: string;
}

export interface SliceCounts {
  train: number;
  test: number;
}

export interface IngestReport {
  pairs: PairReport[];
  leftOut: LeftOutFile[];
  failures: IngestFailure[];
  /** The label map: raw mask value, class id, name and pixel share of each class. */
  classes: ClassInfo[];
  /** `declared` when a label scheme fixed the classes, `found` when the masks did. */
  classSource: 'declared' | 'found';
  /** Subjects with at least one slice, sorted. */
  subjects: string[];
  sliceCounts: SliceCounts;
  split: DatasetSplit;
  /** Image channels of every slice: 1 for MRI and CT, 3 for RGB. */
  channels: number;
  size: SliceSize;
}

/** Receiver of the slices, pair by pair: IndexedDB in the app, memory in tests. */
export interface SliceSink {
  add(slices: Slice[]): Promise<void>;
}

export interface IngestProgress {
  /** Pairs finished, loaded or failed. */
  done: number;
  total: number;
  /** Image path of the pair being read. */
  file: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface IngestHooks {
  onProgress?(progress: IngestProgress): void;
  signal?: AbortSignal;
}
