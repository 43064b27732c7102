/**
 * The 2D U-Net of Ronneberger, Fischer and Brox (MICCAI 2015), with batch
 * normalisation after each convolution and same padding, so that the output
 * label map has the input's side:
 *
 *   image [N, S, S, inChannels]
 *   -> per level l = 0..levels-1: (3x3 conv, BN, ReLU) x 2 with filters * 2^l,
 *      kept as the skip, then 2x2 max pooling
 *   -> bottleneck at side S / 2^levels: (3x3 conv, BN, ReLU) x 2 with filters * 2^levels
 *   -> per level l = levels-1..0: 2x2 stride-2 transposed conv to filters * 2^l,
 *      concatenation with the skip of level l, (3x3 conv, BN, ReLU) x 2
 *   -> 1x1 conv to numClasses, softmax over the last axis: [N, S, S, numClasses]
 *
 * It uses only built-in TensorFlow.js layers, so it saves and loads as a
 * plain layers model with `tf.loadLayersModel`.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';

/** Name of the last layer of the bottleneck block, output `[N, S / 2^levels, S / 2^levels, filters * 2^levels]`. */
export const BOTTLENECK_LAYER = 'bottleneck';

/** Name of the softmax output layer. */
export const PROBABILITIES_LAYER = 'probabilities';

export const MIN_SIDE = 16;
export const MAX_SIDE = 256;
export const MAX_LEVELS = 6;

export interface UnetOptions {
  /** Side of the square input in pixels, 16..256, divisible by 2^levels. */
  side: number;
  inChannels: number;
  /** Segmentation classes, background included. */
  numClasses: number;
  /** Channels of the convolutions at full resolution, and filters * 2^l at level l. */
  filters: number;
  /** Poolings between full resolution and the bottleneck. */
  levels?: number;
  /** Seed of the weight initialisers. */
  seed: number;
}

export const DEFAULT_LEVELS = 4;

/**
 * Weight of the old value in batch norm's moving mean and variance, as in
 * PyTorch (its momentum 0.1). After n training steps the initial statistics
 * (mean 0, variance 1) still weigh momentum^n: 0.99^200 = 0.13 with the Keras
 * default, 0.9^200 < 1e-9 here. Short runs on small datasets see a few hundred steps.
 */
export const BATCH_NORM_MOMENTUM = 0.9;

export function buildUnet(options: UnetOptions): tf.LayersModel {
  const { side, inChannels, numClasses, filters, seed } = options;
  const levels = options.levels ?? DEFAULT_LEVELS;
  validateUnetOptions({ ...options, levels });
  let layerIndex = 0;
  const nextSeed = () => seed * 1_000 + layerIndex++;

  const input = tf.input({ shape: [side, side, inChannels], name: 'image' });
  let x: tf.SymbolicTensor = input;

  // Contracting path: keep each level's features for the skip connection.
  const skips: tf.SymbolicTensor[] = [];
  for (let level = 0; level < levels; level++) {
    x = convBlock(x, filters * 2 ** level, `down${level}`, nextSeed);
    skips.push(x);
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `down${level}_pool` }).apply(x) as tf.SymbolicTensor;
  }

  x = convBlock(x, filters * 2 ** levels, 'bottom', nextSeed, BOTTLENECK_LAYER);

  // Expanding path: upsample, join the skip of the same level, convolve.
  for (let level = levels - 1; level >= 0; level--) {
    const width = filters * 2 ** level;
    const up = tf.layers
      .conv2dTranspose({ filters: width, kernelSize: 2, strides: 2, padding: 'same', kernelInitializer: heNormal(nextSeed()), name: `up${level}_upconv` })
      .apply(x) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ axis: -1, name: `up${level}_concat` }).apply([skips[level], up]) as tf.SymbolicTensor;
    x = convBlock(joined, width, `up${level}`, nextSeed);
  }

  const logits = tf.layers
    .conv2d({ filters: numClasses, kernelSize: 1, kernelInitializer: glorotUniform(nextSeed()), name: 'logits' })
    .apply(x) as tf.SymbolicTensor;
  const probabilities = tf.layers.softmax({ axis: -1, name: PROBABILITIES_LAYER }).apply(logits) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: probabilities, name: 'unet' });
}

/**
 * Two (3x3 conv, BN, ReLU) units. The conv has no bias because the batch
 * normalisation that follows subtracts the mean anyway. `outputName` names
 * the block's last layer.
 */
function convBlock(
  input: tf.SymbolicTensor,
  filters: number,
  prefix: string,
  nextSeed: () => number,
  outputName = `${prefix}_relu2`,
): tf.SymbolicTensor {
  let x = input;
  for (const unit of [1, 2]) {
    x = tf.layers
      .conv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, kernelInitializer: heNormal(nextSeed()), name: `${prefix}_conv${unit}` })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ axis: -1, momentum: BATCH_NORM_MOMENTUM, name: `${prefix}_bn${unit}` }).apply(x) as tf.SymbolicTensor;
    const name = unit === 2 ? outputName : `${prefix}_relu${unit}`;
    x = tf.layers.reLU({ name }).apply(x) as tf.SymbolicTensor;
  }
  return x;
}

function heNormal(seed: number) {
  return tf.initializers.heNormal({ seed });
}

function glorotUniform(seed: number) {
  return tf.initializers.glorotUniform({ seed });
}

/** Checks the options and throws LabError `invalid-config` naming the field, its value and the allowed range. */
export function validateUnetOptions(options: UnetOptions & { levels: number }): void {
  const { side, inChannels, numClasses, filters, levels, seed } = options;
  requireInteger('levels', levels, 1, MAX_LEVELS);
  requireInteger('side', side, MIN_SIDE, MAX_SIDE);
  if (side % 2 ** levels !== 0) {
    throw invalid('side', `side ${side} is not divisible by 2^levels = ${2 ** levels}, so the skip connections of ${levels} levels do not line up`,
      'Use a power-of-two side or fewer levels.');
  }
  requireInteger('inChannels', inChannels, 1, 16);
  requireInteger('numClasses', numClasses, 2, 256);
  requireInteger('filters', filters, 1, 256);
  requireInteger('seed', seed, 0, 2 ** 32 - 1);
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  throw invalid(field, `${field} is ${String(value)}; it must be a whole number from ${min} to ${max}`);
}

function invalid(field: string, problem: string, hint?: string): LabError {
  return new LabError('invalid-config', problem, { field, hint });
}
