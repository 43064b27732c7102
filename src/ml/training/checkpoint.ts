/**
 * Checkpoints: everything needed to resume a run exactly or to use its
 * generator elsewhere. The networks are standard TensorFlow.js layers-model
 * artifacts (topology JSON, weight manifest, one weight buffer), so an export
 * loads with `tf.loadLayersModel` once the lab's custom layers are registered.
 */

export { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type SerializedModel } from './checkpoint-format';

import * as tf from '@tensorflow/tfjs';
import { Random } from '../../core/random';
import type { PerceptualNetwork } from '../losses/perceptual';
import { deserializeLayersModel, serializeLayersModel } from '../models/layers-model-io';
import { Network } from '../models/network';
import type { TrainingSet } from '../data/training-set';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type SerializedModel } from './checkpoint-format';
import { loadOptimizerState, saveOptimizerState } from './optimizers';
import { GanTrainer } from './trainer';

export function serializeNetwork(network: Network): Promise<SerializedModel> {
  return serializeLayersModel(network.model);
}

export async function deserializeNetwork(model: SerializedModel): Promise<Network> {
  const layers = await deserializeLayersModel(model);
  if (!(layers instanceof tf.Sequential)) throw new TypeError('checkpoint networks must be sequential models');
  return new Network(layers);
}

export async function writeCheckpoint(trainer: GanTrainer, runId: string, backend: string): Promise<Checkpoint> {
  const [generator, discriminator, optimizerG, optimizerD] = await Promise.all([
    serializeNetwork(trainer.generator),
    serializeNetwork(trainer.discriminator),
    saveOptimizerState(trainer.optimizerG),
    saveOptimizerState(trainer.optimizerD),
  ]);
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    runId,
    step: trainer.step,
    imagesSeen: trainer.imagesSeen,
    createdAt: new Date().toISOString(),
    backend,
    config: trainer.config,
    generator,
    discriminator,
    optimizers: { generator: optimizerG, discriminator: optimizerD },
    random: trainer.random.getState(),
    sampler: trainer.sampler.getState(),
  };
}

/** Rebuilds a trainer that continues the checkpointed run where it stopped. */
export async function restoreTrainer(checkpoint: Checkpoint, data: TrainingSet, perceptual: PerceptualNetwork | null = null): Promise<GanTrainer> {
  const [generator, discriminator] = await Promise.all([
    deserializeNetwork(checkpoint.generator),
    deserializeNetwork(checkpoint.discriminator),
  ]);
  const trainer = new GanTrainer(checkpoint.config, data, {
    generator,
    discriminator,
    random: Random.fromState(checkpoint.random),
    step: checkpoint.step,
    imagesSeen: checkpoint.imagesSeen,
  }, perceptual);
  trainer.sampler.setState(checkpoint.sampler);
  await loadOptimizerState(trainer.optimizerG, checkpoint.optimizers.generator);
  await loadOptimizerState(trainer.optimizerD, checkpoint.optimizers.discriminator);
  return trainer;
}
