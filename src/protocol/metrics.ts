/**
 * Messages between the page and the metrics worker, which generates samples
 * from a generator, extracts their features and computes fidelity metrics
 * against the dataset's cached reference statistics.
 */

import type { SerializedError } from '../core/errors';
import type { CachedModelSummary } from '../ml/metrics/extractor-refs';
import type { ExtractorRef, FidelityRecord } from '../ml/metrics/fidelity-record';
import type { SerializedModel } from '../ml/training/checkpoint-format';
import type { RunConfig } from '../ml/training/config';
import type { BackendPreference } from './backend';

export const METRICS_PROTOCOL_VERSION = 1;

import type { EvaluationStage, MetricName } from '../ml/metrics/evaluate';

export type { EvaluationStage, MetricName };

export interface EvaluationRequest {
  type: 'evaluate';
  version: number;
  jobId: string;
  runId: string;
  step: number;
  mode: FidelityRecord['mode'];
  config: RunConfig;
  datasetId: string;
  extractor: ExtractorRef;
  samples: number;
  metrics: MetricName[];
  /** The generator to evaluate; without it the worker reads the run's checkpoint at `step`. */
  generator?: SerializedModel;
  backend: BackendPreference;
}

/**
 * Adds feature-extractor weights to the model cache: pytorch-fid's Inception
 * `.pth`, or a TensorFlow.js layers model (`model.json` and its shards) with
 * the layer to read features from; from dropped files or a URL.
 */
export interface ImportExtractorRequest {
  type: 'import-extractor';
  version: number;
  jobId: string;
  source: { files: File[] } | { url: string };
  /** Layer of a layers model; absent for Inception weights, whose pool3 layer is fixed. */
  layer?: string;
}

export type MetricsRequest = EvaluationRequest | ImportExtractorRequest | { type: 'cancel'; jobId: string };


export type MetricsEvent =
  | { type: 'progress'; jobId: string; stage: EvaluationStage; done: number; total: number }
  | { type: 'result'; jobId: string; record: FidelityRecord }
  | { type: 'imported'; jobId: string; model: CachedModelSummary }
  | { type: 'error'; jobId: string; error: SerializedError };
