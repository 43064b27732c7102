/**
 * One evaluation of a generator's fidelity, as stored with its run: every
 * value names the extractor and its weights, the reference set and the
 * sample counts it came from, so numbers computed at different times or
 * elsewhere are never compared blindly. Free of TensorFlow.js so the page can
 * read it.
 */

import type { ExtractorInfo } from './extractor';

/** Which cached weights to build an extractor from. */
export type ExtractorRef =
  | { kind: 'inception'; sha256: string; name: string }
  | { kind: 'layer'; sha256: string; name: string; layer: string };

export interface MemorizationPair {
  generatedIndex: number;
  trainingIndex: number;
  distance: number;
  /** Image channels `[side, side, channels]` of both samples, for showing side by side. */
  generated: Float32Array;
  training: Float32Array;
}

export interface MemorizationResult {
  space: 'features' | 'pixels';
  /** Share of generated samples nearer a training image than the nearest real test image is. */
  closerThanAnyTest: number;
  /** Share of generated samples nearer a training image than 5 % of the real test images are. */
  closerThanFifthPercentile: number;
  medianGeneratedDistance: number;
  medianTestDistance: number;
  pairs: MemorizationPair[];
}

export interface FidelityRecord {
  runId: string;
  step: number;
  extractorId: string;
  extractor: ExtractorInfo;
  /** `live` while training, on a small sample; `on-demand` from the metrics page or command line. */
  mode: 'live' | 'on-demand';
  reference: { datasetId: string; datasetName: string; split: 'train'; count: number };
  generatedCount: number;
  fid?: { value: number; warnings: string[] };
  kid?: { mean: number; std: number; subsets: number; subsetSize: number };
  precisionRecall?: { precision: number; recall: number; k: number };
  memorization?: MemorizationResult[];
  /** Wall time of the evaluation, reference statistics excluded when they came from the cache. */
  seconds: number;
  /** ISO 8601. */
  computedAt: string;
}

/** Settings of the live evaluation during training; `interval` 0 turns it off. */
export interface LiveMetricsOptions {
  /** Generator steps between evaluations. */
  interval: number;
  /** Generated samples per evaluation. */
  samples: number;
  extractor: ExtractorRef | null;
}
