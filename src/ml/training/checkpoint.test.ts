import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { tinyConfig, tinyTrainingSet } from '../testing/tiny';
import { restoreTrainer, writeCheckpoint } from './checkpoint';
import { GanTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkpoint', () => {
  test.each([
    ['dcgan', {}],
    ['wgan-gp with spectral norm', { gan: 'wgan-gp' as const, gradientPenalty: 10, criticSteps: 2, discriminator: { ...tinyConfig().discriminator, spectralNorm: true, normalization: 'instance' as const } }],
  ])('%s resumes exactly where it stopped', async (_name, overrides) => {
    const config = tinyConfig({ seed: 11, ...overrides });
    const data = tinyTrainingSet(10);

    const uninterrupted = new GanTrainer(config, data);
    await uninterrupted.trainStep();
    await uninterrupted.trainStep();
    const expected = [(await uninterrupted.trainStep()).losses, (await uninterrupted.trainStep()).losses];
    uninterrupted.dispose();

    const first = new GanTrainer(config, data);
    await first.trainStep();
    await first.trainStep();
    const checkpoint = await writeCheckpoint(first, 'run-1', 'cpu');
    first.dispose();
    const resumed = await restoreTrainer(checkpoint, data);
    const actual = [(await resumed.trainStep()).losses, (await resumed.trainStep()).losses];

    expect(resumed.step).toBe(4);
    for (const [i, losses] of actual.entries()) {
      for (const [name, value] of Object.entries(losses)) {
        expect(Math.abs(value - expected[i][name]), name).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(value)));
      }
    }
    resumed.dispose();
  });

  test('checkpoint keeps the optimizer step count', async () => {
    const trainer = new GanTrainer(tinyConfig(), tinyTrainingSet(8));
    await trainer.trainStep();
    const checkpoint = await writeCheckpoint(trainer, 'run-2', 'cpu');
    const iterationSpec = checkpoint.optimizers.generator.specs.find((spec) => spec.name === 'iter');
    expect(iterationSpec).toBeDefined();
    expect(checkpoint.step).toBe(1);
    // Every weight, trainable or not (batch norm running statistics), is stored as float32.
    expect(checkpoint.generator.weightData.byteLength).toBe(trainer.generator.parameterCount * 4);
    trainer.dispose();
  });
});
