/**
 * U-Net training speed on the current TensorFlow.js backend, and the
 * generator experiments sample synthetic pairs from. Runs in Node and in the
 * browser.
 */

import { Random } from '../../src/core/random';
import type { TrainingSet } from '../../src/ml/data/training-set';
import { buildGenerator } from '../../src/ml/models/generator';
import { memorySource, UnetTrainer } from '../../src/ml/segmentation/unet-trainer';
import { DEFAULT_RUN_CONFIG } from '../../src/ml/training/defaults';

export interface UnetCase {
  side: number;
  filters: number;
  batchSize: number;
  batches: number;
}

function randomSet(side: number, count: number): TrainingSet {
  const random = new Random(3);
  const images = Float32Array.from({ length: count * side * side }, () => random.uniform() * 2 - 1);
  const classIds = Uint8Array.from({ length: count * side * side }, () => random.integer(4));
  return { count, side, imageChannels: 1, numClasses: 4, images, classIds };
}

/** Images per second over `batches` training batches after one warm-up batch. */
export async function unetImagesPerSecond(bench: UnetCase): Promise<number> {
  const pixels = bench.side * bench.side;
  const set = randomSet(bench.side, bench.batchSize * (bench.batches + 1));
  const trainer = new UnetTrainer(
    { side: bench.side, inChannels: 1, numClasses: 4, filters: bench.filters, epochs: 1, batchSize: bench.batchSize, learningRate: 0.001, augment: false, seed: 1 },
    memorySource(set),
  );
  const batch = (i: number) => {
    const from = i * bench.batchSize * pixels;
    const to = from + bench.batchSize * pixels;
    return trainer.trainBatch(set.images.subarray(from, to), set.classIds.subarray(from, to), bench.batchSize);
  };
  await batch(0);
  const started = performance.now();
  for (let i = 1; i <= bench.batches; i++) await batch(i);
  const seconds = (performance.now() - started) / 1000;
  trainer.dispose();
  return (bench.batches * bench.batchSize) / seconds;
}

/** A freshly initialised DCGAN generator of the given side, standing in for a trained one. */
export function benchGenerator(side: number) {
  const config = { ...DEFAULT_RUN_CONFIG, resolution: side, imageChannels: 1, numClasses: 4, generator: { ...DEFAULT_RUN_CONFIG.generator, filters: 32 } };
  return { config, generator: buildGenerator(config) };
}
