/**
 * Messages between the page and the experiment worker, which works through
 * an experiment's items: sampling synthetic pairs, training and scoring
 * U-Nets, and scoring each GAN's fidelity. The worker stores every finished
 * item, so the page can reload and resume.
 */

import type { SerializedError } from '../core/errors';
import type { SyntheticDatasetOptions } from '../export/synthetic-options';
import type { ExperimentRecord } from '../ml/experiments/experiment-record';
import type { BackendPreference } from './backend';

export const EXPERIMENT_PROTOCOL_VERSION = 1;

/** Zips a stored synthetic set as PNG pairs or an nnU-Net raw dataset. */
export interface ExportSyntheticRequest {
  type: 'export-synthetic';
  version: number;
  experimentId: string;
  setId: string;
  options: Omit<SyntheticDatasetOptions, 'onProgress' | 'signal'>;
}

export type ExperimentRequest =
  | { type: 'run'; version: number; experimentId: string; backend: BackendPreference }
  | ExportSyntheticRequest
  | { type: 'cancel'; experimentId: string };

export type ExperimentStage = 'sampling' | 'training' | 'testing' | 'fidelity';

export type ExperimentEvent =
  | { type: 'progress'; experimentId: string; itemId: string; stage: ExperimentStage; done: number; total: number; detail: string }
  | { type: 'updated'; experiment: ExperimentRecord }
  | { type: 'error'; experimentId: string; error: SerializedError }
  | { type: 'export-progress'; experimentId: string; setId: string; done: number; total: number }
  /** The zip's chunks, transferred. */
  | { type: 'exported'; experimentId: string; setId: string; chunks: Uint8Array[]; fileCount: number };
