/** Tiny configurations and data sets for unit tests of the training code. */

import { Random } from '../../core/random';
import type { TrainingSet } from '../data/training-set';
import type { RunConfig } from '../training/config';
import { DEFAULT_RUN_CONFIG } from '../training/defaults';

export function tinyConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    ...DEFAULT_RUN_CONFIG,
    resolution: 16,
    imageChannels: 1,
    numClasses: 2,
    batchSize: 4,
    latentSize: 8,
    generator: { ...DEFAULT_RUN_CONFIG.generator, filters: 4 },
    discriminator: { ...DEFAULT_RUN_CONFIG.discriminator, filters: 4 },
    totalSteps: 3,
    checkpointInterval: 2,
    sampleInterval: 8,
    ...overrides,
  };
}

/** Squares of class 1 on a dark background, with noise: something a GAN can learn. */
export function tinyTrainingSet(count: number, side = 16, seed = 7): TrainingSet {
  const random = new Random(seed);
  const images = new Float32Array(count * side * side);
  const classIds = new Uint8Array(count * side * side);
  for (let n = 0; n < count; n++) {
    const x0 = random.integer(side / 2);
    const y0 = random.integer(side / 2);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const inside = x >= x0 && x < x0 + side / 2 && y >= y0 && y < y0 + side / 2;
        const p = n * side * side + y * side + x;
        classIds[p] = inside ? 1 : 0;
        images[p] = (inside ? 0.6 : -0.8) + 0.05 * random.normal();
      }
    }
  }
  return { count, side, imageChannels: 1, numClasses: 2, images, classIds };
}
