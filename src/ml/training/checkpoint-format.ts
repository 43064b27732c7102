/**
 * The checkpoint record, free of TensorFlow.js so that the page can store,
 * list and export checkpoints without loading the library.
 */

import type * as tf from '@tensorflow/tfjs';
import type { RandomState } from '../../core/random';
import type { RunConfig } from './config';

export interface SerializedWeights {
  specs: tf.io.WeightsManifestEntry[];
  data: ArrayBuffer;
}

export const CHECKPOINT_FORMAT = 'gan-lab-checkpoint';
export const CHECKPOINT_VERSION = 1;

export interface SerializedModel {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  runId: string;
  /** Generator steps done when the checkpoint was written. */
  step: number;
  imagesSeen: number;
  /** ISO 8601 time of writing. */
  createdAt: string;
  /** Backend the run trained on; a run resumes reproducibly only on the same one. */
  backend: string;
  config: RunConfig;
  generator: SerializedModel;
  discriminator: SerializedModel;
  optimizers: { generator: SerializedWeights; discriminator: SerializedWeights };
  random: RandomState;
  sampler: { order: number[]; position: number };
}

