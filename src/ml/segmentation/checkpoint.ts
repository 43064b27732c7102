/**
 * U-Net checkpoints, written at epoch boundaries: the model as TensorFlow.js
 * layers-model artifacts (topology JSON, weight manifest, one weight
 * buffer), the Adam state as named tensors, the configuration and the random
 * stream, as the GAN checkpoints store their networks.
 */

import type { RandomState } from '../../core/random';
import { Random } from '../../core/random';
import type { SerializedModel, SerializedWeights } from '../training/checkpoint-format';
import { loadOptimizerState, saveOptimizerState } from '../training/optimizers';
import type { UnetConfig } from './config';
import type { SegmentationSource } from './source';
import { UnetTrainer } from './unet-trainer';

export const UNET_CHECKPOINT_FORMAT = 'gan-lab-unet-checkpoint';
export const UNET_CHECKPOINT_VERSION = 1;

export interface UnetCheckpoint {
  format: typeof UNET_CHECKPOINT_FORMAT;
  version: number;
  /** Epochs done when the checkpoint was written. */
  epoch: number;
  /** ISO 8601 time of writing. */
  createdAt: string;
  /** Backend the U-Net trained on, because a run resumes reproducibly only on the same one. */
  backend: string;
  config: UnetConfig;
  model: SerializedModel;
  optimizer: SerializedWeights;
  random: RandomState;
}

import { deserializeLayersModel, serializeLayersModel } from '../models/layers-model-io';

export { deserializeLayersModel, layersModelFiles, serializeLayersModel } from '../models/layers-model-io';

export async function writeUnetCheckpoint(trainer: UnetTrainer, backend: string): Promise<UnetCheckpoint> {
  const [model, optimizer] = await Promise.all([serializeLayersModel(trainer.model), saveOptimizerState(trainer.optimizer)]);
  return {
    format: UNET_CHECKPOINT_FORMAT,
    version: UNET_CHECKPOINT_VERSION,
    epoch: trainer.epoch,
    createdAt: new Date().toISOString(),
    backend,
    config: trainer.config,
    model,
    optimizer,
    random: trainer.random.getState(),
  };
}

/** Rebuilds a trainer that continues the checkpointed training with its next epoch. */
export async function restoreUnetTrainer(checkpoint: UnetCheckpoint, source: SegmentationSource): Promise<UnetTrainer> {
  const model = await deserializeLayersModel(checkpoint.model);
  const trainer = new UnetTrainer(checkpoint.config, source, { model, random: Random.fromState(checkpoint.random), epoch: checkpoint.epoch });
  await loadOptimizerState(trainer.optimizer, checkpoint.optimizer);
  return trainer;
}
