/**
 * Synthetic image+mask pairs from a trained GAN generator, batch by batch,
 * so that a caller can store them as they come and never hold all N at once.
 * Each generated joint sample splits into its image channels and a label
 * map by argmax over its mask channels.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';
import { Random } from '../../core/random';
import { decodeJointSample } from '../data/joint';
import type { Network } from '../models/network';
import type { RunConfig } from '../training/config';

export interface SyntheticBatch {
  /** `[count, R, R, imageChannels]` in [-1, 1]. */
  images: Float32Array;
  /** `[count, R, R]` class ids. */
  classIds: Uint8Array;
  count: number;
}

export type GeneratorShape = Pick<RunConfig, 'latentSize' | 'resolution' | 'imageChannels' | 'numClasses'>;

/** Yields `count` pairs in batches of at most `batchSize`, from latent vectors drawn with `seed`. */
export async function* syntheticPairs(
  generator: Network,
  config: GeneratorShape,
  count: number,
  batchSize: number,
  seed: number,
  signal?: AbortSignal,
): AsyncGenerator<SyntheticBatch> {
  checkPositive('count', count);
  checkPositive('batchSize', batchSize);
  const random = new Random(seed);
  const { resolution: side, imageChannels, numClasses, latentSize } = config;
  const layout = { side, imageChannels, numClasses };
  const pixels = side * side;

  for (let start = 0; start < count; start += batchSize) {
    signal?.throwIfAborted();
    const size = Math.min(batchSize, count - start);
    const latents = random.fillNormal(new Float32Array(size * latentSize));
    const output = tf.tidy(() => generator.forward(tf.tensor2d(latents, [size, latentSize]), false).output);
    const joint = (await output.data()) as Float32Array;
    output.dispose();

    const images = new Float32Array(size * pixels * imageChannels);
    const classIds = new Uint8Array(size * pixels);
    for (let i = 0; i < size; i++) {
      const sample = decodeJointSample(joint, layout, i);
      images.set(sample.image, i * pixels * imageChannels);
      classIds.set(sample.classIds, i * pixels);
    }
    yield { images, classIds, count: size };
  }
}

function checkPositive(field: string, value: number): void {
  if (Number.isInteger(value) && value >= 1) return;
  throw new LabError('invalid-argument', `${field} is ${String(value)}; it must be a whole number of at least 1`, { field });
}
