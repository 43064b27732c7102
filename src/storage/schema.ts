/**
 * IndexedDB layout of the lab. Everything a user makes stays in the browser:
 * datasets as preprocessed slices, runs with their configuration, metric
 * history, latest sample grid and checkpoints. Large values (slices, weights)
 * are typed arrays and ArrayBuffers, which IndexedDB stores by structured
 * clone without base64 or JSON overhead.
 *
 * Keys: datasets and runs by id; slices by [datasetId, seq]; metrics and
 * checkpoints by [runId, step], so one key range reads a run's history in
 * step order; samples by runId (only the latest grid is kept); models by the
 * SHA-256 of their files; fidelity records by [runId, step, extractorId];
 * reference statistics by dataset and extractor.
 */

import type { DBSchema } from 'idb';
import type { SerializedError } from '../core/errors';
import type { Checkpoint } from '../ml/training/checkpoint-format';
import type { ExperimentRecord } from '../ml/experiments/experiment-record';
import type { FidelityRecord } from '../ml/metrics/fidelity-record';
import type { StoredModel } from '../ml/models/model-artifacts';
import type { RunConfig } from '../ml/training/config';
import type { DatasetRecord } from './dataset-record';

export const DB_NAME = 'gan-lab';
/**
 * Version 2 added the `models` store (weights of networks the lab does not
 * train, such as VGG-19); version 3 the fidelity metrics and the cached
 * reference statistics; version 4 the experiments and their synthetic sets.
 */
export const DB_VERSION = 4;

export type RunStatus = 'created' | 'running' | 'paused' | 'stopped' | 'completed' | 'failed' | 'interrupted';

export interface RunRecord {
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  config: RunConfig;
  status: RunStatus;
  step: number;
  imagesSeen: number;
  /** Step of the newest stored checkpoint, or null before the first. */
  lastCheckpointStep: number | null;
  /** Backend of the latest session, and why others were passed over. */
  backend?: string;
  backendNote?: string;
  error?: SerializedError;
}

export interface MetricRecord {
  runId: string;
  step: number;
  imagesSeen: number;
  /** Named statistics: `Loss/D`, `Loss/G`, `Loss/D/gp`, ... */
  losses: Record<string, number>;
  stepsPerSecond: number;
  imagesPerSecond: number;
  /** ISO 8601. */
  time: string;
}

export interface SampleGridRecord {
  runId: string;
  step: number;
  /** Joint samples `[16, R, R, imageChannels + numClasses]`. */
  grid: Float32Array;
}

export interface SliceRecord {
  datasetId: string;
  /** Order of ingestion within the dataset. */
  seq: number;
  pairId: string;
  subject: string;
  index: number;
  /** `[size, size, channels]` in [-1, 1]. */
  image: Float32Array;
  /** Raw label values `[size, size]`; the dataset's classes map them to class ids. */
  labels: Uint8Array;
}

export interface GanLabSchema extends DBSchema {
  datasets: { key: string; value: DatasetRecord };
  slices: { key: [string, number]; value: SliceRecord };
  runs: { key: string; value: RunRecord; indexes: { byDataset: string } };
  metrics: { key: [string, number]; value: MetricRecord };
  checkpoints: { key: [string, number]; value: Checkpoint };
  samples: { key: string; value: SampleGridRecord };
  models: { key: string; value: ModelRecord };
  fidelity: { key: [string, number, string]; value: FidelityRecord };
  references: { key: string; value: ReferenceStatistics };
  experiments: { key: string; value: ExperimentRecord };
  synthetic: { key: [string, number]; value: SyntheticPairRecord };
}

/** One generated image+mask pair of an experiment's synthetic set. */
export interface SyntheticPairRecord {
  /** `${experimentId}|${runId}@${step}`. */
  setId: string;
  seq: number;
  /** `[side, side, channels]` in [-1, 1]. */
  image: Float32Array;
  /** `[side, side]` class ids, by argmax over the generated mask channels. */
  classIds: Uint8Array;
}

/** Features and Gaussian statistics of a dataset's training split through one extractor, computed once. */
export interface ReferenceStatistics {
  /** `${datasetId}|${extractorId}`. */
  key: string;
  datasetId: string;
  extractorId: string;
  count: number;
  dimension: number;
  mean: Float64Array;
  /** `[D, D]` row-major, unbiased. */
  covariance: Float64Array;
  /** `[count, D]`, kept for KID and precision/recall. */
  features: Float32Array;
  /** ISO 8601. */
  computedAt: string;
}

/** Weights of a network the lab uses but does not train (VGG-19, Inception), by the SHA-256 of their files. */
export interface ModelRecord extends StoredModel {
  /** What the model is for, e.g. `vgg19`. */
  role: string;
  /** ISO 8601. */
  addedAt: string;
  /** Where it came from: the dropped file names or the URL. */
  origin: string;
  /** For feature extractors built from a layers model: the layer features are read from. */
  featureLayer?: string;
}

export type StoreName =
  | 'datasets'
  | 'slices'
  | 'runs'
  | 'metrics'
  | 'checkpoints'
  | 'samples'
  | 'models'
  | 'fidelity'
  | 'references'
  | 'experiments'
  | 'synthetic';
