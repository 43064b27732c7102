import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { tinyConfig, tinyTrainingSet } from '../testing/tiny';
import { GAN_KINDS } from './config';
import { GanTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GanTrainer', () => {
  test.each(GAN_KINDS)('%s trains with finite losses and no leak', async (gan) => {
    const config = tinyConfig({ gan, criticSteps: gan.startsWith('wgan') ? 2 : 1, gradientPenalty: gan === 'wgan-gp' ? 10 : 0, weightClip: gan === 'wgan' ? 0.01 : 0 });
    const trainer = new GanTrainer(config, tinyTrainingSet(12));
    await trainer.trainStep();
    const before = tf.memory().numTensors;

    const results = [await trainer.trainStep(), await trainer.trainStep()];

    expect(tf.memory().numTensors).toBe(before);
    for (const result of results) {
      expect(Object.values(result.losses).every(Number.isFinite)).toBe(true);
      expect(result.losses['Loss/D']).toBeDefined();
      expect(result.losses['Loss/G']).toBeDefined();
    }
    expect(results[1].step).toBe(3);
    expect(results[1].imagesSeen).toBe(3 * config.batchSize * config.criticSteps);
    if (gan === 'wgan-gp') expect(results[0].losses['Loss/D/gp']).toBeGreaterThan(0);
    trainer.dispose();
  });

  test('same seed gives the same losses', async () => {
    const run = async () => {
      const trainer = new GanTrainer(tinyConfig({ seed: 5 }), tinyTrainingSet(12));
      const losses = [(await trainer.trainStep()).losses, (await trainer.trainStep()).losses];
      trainer.dispose();
      return losses;
    };
    expect(await run()).toEqual(await run());
  });

  test('wgan clipping bounds every critic weight', async () => {
    const trainer = new GanTrainer(tinyConfig({ gan: 'wgan', weightClip: 0.01, criticSteps: 2 }), tinyTrainingSet(8));
    await trainer.trainStep();
    for (const variable of trainer.discriminator.trainableVariables) {
      const values = variable.dataSync();
      expect(Math.max(...Array.from(values, Math.abs)), variable.name).toBeLessThanOrEqual(0.01 + 1e-7);
    }
    trainer.dispose();
  });

  test('sample grid has the fixed latent count', async () => {
    const config = tinyConfig();
    const trainer = new GanTrainer(config, tinyTrainingSet(8));
    const grid = await trainer.generateSampleGrid();
    expect(grid.length).toBe(16 * 16 * 16 * 3);
    expect(grid.every((v) => v >= -1 && v <= 1)).toBe(true);
    trainer.dispose();
  });
});
