/**
 * Where the images that metrics compare come from: the image channels of a
 * dataset split, and samples of a generator from a fixed latent stream (so
 * that evaluations at different steps see the same latent vectors).
 */

import * as tf from '@tensorflow/tfjs';
import { Random } from '../../core/random';
import type { TrainingSet } from '../data/training-set';
import type { Network } from '../models/network';
import type { RunConfig } from '../training/config';

/** Images `[count, side, side, channels]` in [-1, 1], held on the CPU. */
export interface ImageSet {
  count: number;
  side: number;
  channels: number;
  pixels: Float32Array;
}

export function imagesOf(set: TrainingSet): ImageSet {
  return { count: set.count, side: set.side, channels: set.imageChannels, pixels: set.images };
}

export function imageBatch(images: ImageSet, start: number, size: number): tf.Tensor4D {
  const length = images.side * images.side * images.channels;
  return tf.tensor4d(images.pixels.subarray(start * length, (start + size) * length), [size, images.side, images.side, images.channels]);
}

/** Seed of the latent vectors metrics use, apart from every training stream. */
export const METRICS_LATENT_SEED = 0x6d657472;

/** Generates `count` samples and keeps their image channels; the mask channels are not compared. */
export async function generateImages(
  generator: Network,
  config: Pick<RunConfig, 'latentSize' | 'resolution' | 'imageChannels'>,
  count: number,
  batchSize: number,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ImageSet> {
  const random = new Random(METRICS_LATENT_SEED);
  const { resolution: side, imageChannels: channels, latentSize } = config;
  const pixels = new Float32Array(count * side * side * channels);
  for (let start = 0; start < count; start += batchSize) {
    signal?.throwIfAborted();
    const size = Math.min(batchSize, count - start);
    const latents = random.fillNormal(new Float32Array(size * latentSize));
    const images = tf.tidy(() => {
      const joint = generator.forward(tf.tensor2d(latents, [size, latentSize]), false).output;
      return tf.slice(joint, [0, 0, 0, 0], [-1, -1, -1, channels]);
    });
    pixels.set((await images.data()) as Float32Array, start * side * side * channels);
    images.dispose();
    onProgress?.(start + size, count);
  }
  return { count, side, channels, pixels };
}
