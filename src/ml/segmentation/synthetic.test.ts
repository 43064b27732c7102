import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../core/random';
import { buildGenerator } from '../models/generator';
import { tinyConfig } from '../testing/tiny';
import { syntheticPairs } from './synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('synthetic pairs', () => {
  const config = tinyConfig({ numClasses: 3 });

  test('batches add up and decode by argmax', async () => {
    const generator = buildGenerator(config);
    const sizes: number[] = [];
    const before = tf.memory().numTensors;
    for await (const batch of syntheticPairs(generator, config, 10, 4, 21)) {
      sizes.push(batch.count);
      expect(batch.images).toHaveLength(batch.count * 16 * 16);
      expect(batch.classIds).toHaveLength(batch.count * 16 * 16);
      expect(Math.max(...batch.classIds)).toBeLessThan(3);
      for (const value of batch.images) expect(Math.abs(value)).toBeLessThanOrEqual(1);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(sizes).toEqual([4, 4, 2]);
    generator.dispose();
  });

  test('labels match argmax of the mask channels', async () => {
    const generator = buildGenerator(config);
    const first = (await syntheticPairs(generator, config, 3, 3, 4).next()).value!;
    // Regenerate the first batch from the same latent stream and take argmax with TF.js.
    const latents = new Random(4).fillNormal(new Float32Array(3 * config.latentSize));
    const [expectedIds, expectedImages] = tf.tidy(() => {
      const joint = generator.forward(tf.tensor2d(latents, [3, config.latentSize]), false).output;
      const masks = tf.slice(joint, [0, 0, 0, 1], [-1, -1, -1, 3]);
      return [tf.argMax(masks, -1).dataSync(), tf.slice(joint, [0, 0, 0, 0], [-1, -1, -1, 1]).dataSync()];
    });
    expect(Array.from(first.classIds)).toEqual(Array.from(expectedIds));
    expect(Array.from(first.images)).toEqual(Array.from(expectedImages));
    generator.dispose();
  });

  test('zero pairs are rejected', async () => {
    const generator = buildGenerator(config);
    await expect(syntheticPairs(generator, config, 0, 4, 1).next()).rejects.toThrow(/count is 0/);
    generator.dispose();
  });
});
