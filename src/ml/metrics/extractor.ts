/**
 * Feature extractors: any TensorFlow.js network, a named layer and a
 * preprocessing recipe, turning images `[N, H, W, C]` in [-1, 1] into feature
 * vectors `[N, D]`. FID, KID, precision/recall and memorisation read features
 * through this one interface, so the Inception network, a U-Net trained on
 * the real data or a medical backbone plug in unchanged.
 */

import * as tf from '@tensorflow/tfjs';
import type { FeatureSet } from './feature-set';

/** What every metric value records about the network that produced its features. */
export interface ExtractorInfo {
  /** Stable key: kind, weights and layer, e.g. `inception-pool3:6726825d…`. */
  id: string;
  /** Shown to the user, e.g. "Inception-v3 pool3 (pytorch-fid)". */
  name: string;
  /** SHA-256 of the weight files. */
  weightsSha256: string;
  /** Layer the features are read from. */
  layer: string;
  dimension: number;
  /** How images are prepared, in words: channels, resize, value range. */
  recipe: string;
}

export interface FeatureExtractor {
  readonly info: ExtractorInfo;
  /** Features of one batch of images in [-1, 1]; the caller disposes the result. */
  extract(images: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

export interface ExtractionHooks {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/**
 * Features of `count` images produced batch by batch by `batchAt(start, size)`
 * (which returns `[size, H, W, C]` in [-1, 1]), read back to the CPU as they come.
 */
export async function extractFeatures(
  extractor: FeatureExtractor,
  count: number,
  batchSize: number,
  batchAt: (start: number, size: number) => tf.Tensor4D,
  hooks: ExtractionHooks = {},
): Promise<FeatureSet> {
  const dimension = extractor.info.dimension;
  const values = new Float32Array(count * dimension);
  for (let start = 0; start < count; start += batchSize) {
    hooks.signal?.throwIfAborted();
    const size = Math.min(batchSize, count - start);
    const features = tf.tidy(() => {
      const images = batchAt(start, size);
      return extractor.extract(images);
    });
    values.set((await features.data()) as Float32Array, start * dimension);
    features.dispose();
    hooks.onProgress?.(start + size, count);
  }
  return { count, dimension, values };
}
