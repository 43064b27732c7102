/** Shape of the benchmark results file, and the Markdown page made from it. */

import type { Machine } from './context';

export interface IngestFigures {
  files: number;
  compressedMB: number;
  voxels: number;
  seconds: number;
  compressedMBPerSecond: number;
  voxelsPerSecond: number;
}

export interface NibabelFigures extends IngestFigures {
  version: string;
}

export interface LongTaskFigures {
  steps: number;
  filters: number;
  backend: string;
  trainingSeconds: number;
  longTasks: number;
  longTaskMillisecondsTotal: number;
  longestTaskMilliseconds: number;
}

export interface BenchResults {
  /** ISO 8601 time of the run. */
  date: string;
  machine: Machine;
  ingest?: {
    node: IngestFigures;
    nodeIngest64: { seconds: number; slices: number };
    chromium: IngestFigures | null;
    nibabel: NibabelFigures | null;
  };
  longTasks?: LongTaskFigures | null;
  [section: string]: unknown;
}
