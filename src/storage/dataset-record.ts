/** What the lab stores about a dataset besides its slices: the summary the dataset page shows. */

import type { ErrorCode } from '../core/errors';
import type { ClassInfo, DatasetSplit, IngestOptions, MaskEncoding, Modality } from '../preprocess/slice-dataset';

export interface PairSummary {
  image: string;
  mask: string;
  subject: string;
  layout: string;
  modality: Modality;
  maskEncoding: MaskEncoding;
  /** Slices this pair contributed after empty ones were dropped. */
  slices: number;
}

export interface DatasetRecord {
  id: string;
  name: string;
  origin: 'phantom' | 'folder';
  /** ISO 8601. */
  createdAt: string;
  /** `ingesting` until the last slice is stored; such records are removed at start-up. */
  status: 'ingesting' | 'ready';
  options: IngestOptions;
  /** Side of the square slices. */
  size: number;
  imageChannels: number;
  modalities: Modality[];
  classes: ClassInfo[];
  split: DatasetSplit;
  subjects: number;
  sliceCount: number;
  trainSlices: number;
  testSlices: number;
  pairs: PairSummary[];
  leftOut: { path: string; reason: string }[];
  failures: { file: string; code: ErrorCode; message: string }[];
}
