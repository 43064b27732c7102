import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildGenerator } from '../models/generator';
import { standInExtractorModel } from '../testing/stand-in-extractor';
import { tinyConfig, tinyTrainingSet } from '../testing/tiny';
import { computeReference, evaluateGenerator, statisticsOf } from './evaluate';
import { frechetDistance } from './frechet';
import { imagesOf } from './images';
import { layerExtractor } from './layer-extractor';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function extractor() {
  return layerExtractor(standInExtractorModel(), { layer: 'features', name: 'stand-in', weightsSha256: 'ab'.repeat(32) });
}

describe('evaluateGenerator', () => {
  test('all metrics on a tiny generator', async () => {
    const config = tinyConfig();
    const training = imagesOf(tinyTrainingSet(24, 16, 1));
    const test = imagesOf(tinyTrainingSet(8, 16, 2));
    const features = extractor();
    const reference = await computeReference(features, training, {});
    const stages = new Set<string>();
    const generator = buildGenerator(config);
    const before = tf.memory().numTensors;

    const result = await evaluateGenerator(
      { extractor: features, generator, config, samples: 12, metrics: ['fid', 'kid', 'precision-recall', 'memorization'], reference, training, test },
      { onProgress: (stage) => stages.add(stage) },
    );

    expect(result.generatedCount).toBe(12);
    expect(result.fid!.value).toBeGreaterThan(0);
    expect(Number.isFinite(result.kid!.mean)).toBe(true);
    expect(result.kid!.subsetSize).toBe(12);
    expect(result.precisionRecall!.k).toBe(3);
    expect(result.memorization!.map((m) => m.space)).toEqual(['features', 'pixels']);
    expect(result.memorization![1].pairs).toHaveLength(8);
    expect(result.memorization![1].pairs[0].generated).toHaveLength(16 * 16);
    expect([...stages]).toEqual(['generated', 'statistics', 'memorization']);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('fewer samples than dimensions warns about a singular covariance', async () => {
    const training = imagesOf(tinyTrainingSet(4, 16, 1));
    const reference = await computeReference(extractor(), training, {});
    const fid = frechetDistance(reference.statistics, reference.statistics);
    expect(fid.value).toBeCloseTo(0, 6);
    expect(fid.warnings.join(' ')).toMatch(/4 samples/);
    expect(fid.warnings.join(' ')).toMatch(/KID/);
  });

  test('the extractor records its layer, size and weights', () => {
    const info = extractor().info;
    expect(info).toMatchObject({ layer: 'features', dimension: 8, weightsSha256: 'ab'.repeat(32) });
    expect(info.id).toBe(`layer:${'ab'.repeat(8)}:features`);
    expect(info.recipe).toContain('global average pooling');
  });

  test('statistics of identical features give a distance of zero', async () => {
    const training = imagesOf(tinyTrainingSet(40, 16, 5));
    const reference = await computeReference(extractor(), training, {});
    expect(frechetDistance(reference.statistics, statisticsOf(reference.features)).value).toBeLessThan(1e-6);
  });
});
