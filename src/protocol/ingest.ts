/**
 * Messages between the page and the ingest worker, which reads dropped
 * files, preprocesses them into slices and stores the dataset.
 */

import type { SerializedError } from '../core/errors';
import type { IngestOptions } from '../preprocess/slice-dataset';
import type { DatasetRecord } from '../storage/dataset-record';

export const INGEST_PROTOCOL_VERSION = 1;

export interface DroppedFile {
  /** Path relative to the dropped folder. */
  path: string;
  file: File;
}

export type IngestRequest =
  | { type: 'ingest'; version: number; jobId: string; name: string; files: DroppedFile[]; options: IngestOptions }
  | { type: 'phantom'; version: number; jobId: string; name: string; size: number; subjects: number; slicesPerSubject: number; seed: number }
  | { type: 'cancel'; jobId: string };

export type IngestEvent =
  | { type: 'progress'; jobId: string; done: number; total: number; file: string; bytesDone: number; bytesTotal: number }
  | { type: 'done'; jobId: string; dataset: DatasetRecord }
  | { type: 'error'; jobId: string; error: SerializedError };
