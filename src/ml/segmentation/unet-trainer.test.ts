import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { tinyTrainingSet } from '../testing/tiny';
import { restoreUnetTrainer, writeUnetCheckpoint } from './checkpoint';
import type { UnetConfig } from './config';
import { memorySource, UnetTrainer } from './unet-trainer';
import { labErrorFrom } from '../../testing/lab-error';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function tinyUnetConfig(overrides: Partial<UnetConfig> = {}): UnetConfig {
  return { side: 16, inChannels: 1, numClasses: 2, filters: 2, levels: 2, epochs: 2, batchSize: 4, learningRate: 0.01, augment: false, seed: 5, ...overrides };
}

async function weightsOf(trainer: UnetTrainer): Promise<number[]> {
  const values = await Promise.all(trainer.model.getWeights().map((weight) => weight.data()));
  return values.flatMap((array) => Array.from(array));
}

describe('U-Net trainer configuration', () => {
  const source = memorySource(tinyTrainingSet(4));

  test('fields out of range are named', () => {
    const cases: [Partial<UnetConfig>, string, RegExp][] = [
      [{ epochs: 0 }, 'epochs', /epochs is 0; it must be a whole number from 1 to 10000/],
      [{ batchSize: 2.5 }, 'batchSize', /batchSize is 2.5/],
      [{ learningRate: 0 }, 'learningRate', /learningRate is 0; it must be a number in \(0, 1\]/],
      [{ filters: 0 }, 'filters', /filters is 0/],
      [{ side: 24, levels: 4 }, 'side', /side 24 is not divisible by 2\^levels = 16/],
    ];
    for (const [override, field, message] of cases) {
      const error = labErrorFrom(() => new UnetTrainer(tinyUnetConfig(override), source));
      expect(error.code, field).toBe('invalid-config');
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
  });

  test('source of another shape is rejected', () => {
    const error = labErrorFrom(() => new UnetTrainer(tinyUnetConfig({ numClasses: 3 }), source));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('2 classes (config numClasses 3)');
  });
});

describe('U-Net trainer', () => {
  test('one batch leaves no tensors', async () => {
    const set = tinyTrainingSet(4);
    const trainer = new UnetTrainer(tinyUnetConfig(), memorySource(set));
    // The first step creates Adam's moment variables; count from the second.
    await trainer.trainBatch(set.images, set.classIds, 4);
    const before = tf.memory().numTensors;
    await trainer.trainBatch(set.images, set.classIds, 4);
    expect(tf.memory().numTensors).toBe(before);
    await trainer.predict(set.images, 4);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });

  test('epoch reports batches and loss', async () => {
    const trainer = new UnetTrainer(tinyUnetConfig({ augment: true }), memorySource(tinyTrainingSet(10)));
    const calls: [number, number][] = [];
    const result = await trainer.trainEpoch({ onBatch: (done, total, loss) => {
      expect(Number.isFinite(loss)).toBe(true);
      calls.push([done, total]);
    } });
    expect(calls).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(result.epoch).toBe(1);
    expect(result.loss).toBeGreaterThan(0);
    expect(result.imagesPerSecond).toBeGreaterThan(0);
    trainer.dispose();
  });

  test('abort stops before the next batch', async () => {
    const trainer = new UnetTrainer(tinyUnetConfig(), memorySource(tinyTrainingSet(8)));
    const controller = new AbortController();
    const run = trainer.trainEpoch({ signal: controller.signal, onBatch: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(trainer.epoch).toBe(0);
    trainer.dispose();
  });

  test('predict and evaluate on label maps', async () => {
    const set = tinyTrainingSet(6);
    const trainer = new UnetTrainer(tinyUnetConfig(), memorySource(set));
    const labels = await trainer.predict(set.images, 6);
    expect(labels).toHaveLength(6 * 256);
    expect(Math.max(...labels)).toBeLessThan(2);
    const report = await trainer.evaluate({ images: set.images, classIds: set.classIds, subjects: ['a', 'a', 'a', 'b', 'b', 'c'], count: 6 });
    expect(report.slices).toBe(6);
    expect(report.patients).toBe(3);
    expect(report.perClass).toHaveLength(2);
    trainer.dispose();
  });

  test('checkpoint resumes the same run', async () => {
    const source = memorySource(tinyTrainingSet(8));
    const straight = new UnetTrainer(tinyUnetConfig({ augment: true }), source);
    await straight.trainEpoch();
    const expected = await straight.trainEpoch();

    const first = new UnetTrainer(tinyUnetConfig({ augment: true }), source);
    await first.trainEpoch();
    const checkpoint = await writeUnetCheckpoint(first, 'cpu');
    first.dispose();
    expect(checkpoint.epoch).toBe(1);
    const resumed = await restoreUnetTrainer(checkpoint, source);
    const result = await resumed.trainEpoch();

    expect(result.epoch).toBe(2);
    expect(result.loss).toBeCloseTo(expected.loss, 5);
    const [a, b] = [await weightsOf(straight), await weightsOf(resumed)];
    expect(a).toHaveLength(b.length);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 4);
    straight.dispose();
    resumed.dispose();
  });
});
