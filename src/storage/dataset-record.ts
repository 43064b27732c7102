/** What the lab stores about a dataset besides its slices: the summary the dataset page shows. */

import type { IngestReport } from '../preprocess/report';
import type { ClassInfo, DatasetSplit, IngestOptions } from '../preprocess/slice-dataset';

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
  classes: ClassInfo[];
  split: DatasetSplit;
  subjects: number;
  sliceCount: number;
  trainSlices: number;
  testSlices: number;
  /** How files were paired and loaded, what was left out and what failed. */
  report: IngestReport;
}
