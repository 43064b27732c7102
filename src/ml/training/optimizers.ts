/** Optimizers of the two networks, and their state as named tensors for checkpoints. */

import * as tf from '@tensorflow/tfjs';
import type { SerializedWeights } from './checkpoint-format';
import type { RunConfig } from './config';

/** Decay of RMSprop's squared-gradient average: PyTorch's default alpha, as WGAN used. */
const RMSPROP_DECAY = 0.99;
const EPSILON = 1e-8;

export function createOptimizer(config: RunConfig, learningRate: number): tf.Optimizer {
  const { kind, beta1, beta2 } = config.optimizer;
  if (kind === 'rmsprop') return tf.train.rmsprop(learningRate, RMSPROP_DECAY, 0, EPSILON);
  return tf.train.adam(learningRate, beta1, beta2, EPSILON);
}

export async function saveOptimizerState(optimizer: tf.Optimizer): Promise<SerializedWeights> {
  const named = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(named);
  return { specs, data: joinWeightData(data) };
}

export async function loadOptimizerState(optimizer: tf.Optimizer, state: SerializedWeights): Promise<void> {
  const byName = tf.io.decodeWeights(state.data, state.specs);
  const named = state.specs.map((spec) => ({ name: spec.name, tensor: byName[spec.name] }));
  await optimizer.setWeights(named);
}

/** Weight data may arrive split in several buffers; storage and export want one. */
export function joinWeightData(data: tf.io.WeightData): ArrayBuffer {
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}
