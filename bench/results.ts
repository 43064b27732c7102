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

export interface GanSpeedRow {
  gan: string;
  resolution: number;
  backend: string;
  where: 'node' | 'chromium';
  criticSteps: number;
  /** Real images shown to the discriminator per second through the lab's trainer. */
  labImagesPerSecond: number;
  /** The same through a bare TensorFlow.js loop of the same networks and losses. */
  bareImagesPerSecond: number;
  /** How much faster the bare loop is, in percent; the lab aims for under 5. */
  overheadPercent: number;
}

export interface SegmentationSpeed {
  rows: { side: number; filters: number; batchSize: number; batches: number; backend: string; where: 'node' | 'chromium'; imagesPerSecond: number }[];
  /** Seconds to sample and store the synthetic pairs of `synthetic`, in Chromium's IndexedDB. */
  syntheticSeconds: number | null;
  /** The Chromium backend that generated them. */
  syntheticBackend?: string | null;
  synthetic: { pairs: number; side: number };
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
  segmentationSpeed?: SegmentationSpeed;
  metricsSpeed?: {
    node: { frechet2048Seconds: number; kid5000Seconds: number };
    scipy: { frechet2048Seconds: number; kid5000Seconds: number; threads: string } | null;
  };
  ganSpeed?: {
    settings: string;
    rows: GanSpeedRow[];
    torch: { version: string; threads: number; warmupSteps?: number; timedSteps?: number; results: { gan: string; resolution: number; imagesPerSecond: number }[] } | null;
  };
  [section: string]: unknown;
}
