import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { LabError } from '../../core/errors';
import { BOTTLENECK_LAYER, buildUnet } from './unet';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('U-Net', () => {
  test('output shape and softmax sums', () => {
    const model = buildUnet({ side: 32, inChannels: 2, numClasses: 3, filters: 2, seed: 1 });
    const output = tf.tidy(() => model.predict(tf.randomNormal([2, 32, 32, 2], 0, 1, 'float32', 5)) as tf.Tensor);
    expect(output.shape).toEqual([2, 32, 32, 3]);
    const sums = tf.tidy(() => tf.sum(output, -1).dataSync());
    for (const sum of sums) expect(sum).toBeCloseTo(1, 5);
    expect(Math.min(...output.dataSync())).toBeGreaterThanOrEqual(0);
    output.dispose();
    model.dispose();
  });

  test('bottleneck layer shape', () => {
    const model = buildUnet({ side: 64, inChannels: 1, numClasses: 2, filters: 3, seed: 1 });
    // 4 poolings: 64 / 2^4 = 4, with 3 * 2^4 = 48 channels.
    expect(model.getLayer(BOTTLENECK_LAYER).outputShape).toEqual([null, 4, 4, 48]);
    model.dispose();
    const shallow = buildUnet({ side: 32, inChannels: 1, numClasses: 2, filters: 3, levels: 2, seed: 1 });
    expect(shallow.getLayer(BOTTLENECK_LAYER).outputShape).toEqual([null, 8, 8, 12]);
    shallow.dispose();
  });

  test('parameter count follows filters', () => {
    // levels 1, inChannels 1, numClasses 2, filters f, 3x3 convs without bias,
    // batch norm with 4 weights per channel:
    //   down0: 9*1*f + 4f + 9*f*f + 4f
    //   bottom: 9*f*2f + 8f + 9*2f*2f + 8f
    //   up0: transposed 2x2 2f -> f with bias: 4*2f*f + f,
    //        convs on 2f then f channels: 9*2f*f + 4f + 9*f*f + 4f
    //   logits: f*2 + 2
    const expected = (f: number) => 9 * f + 8 * f + 9 * f * f + 18 * f * f + 16 * f + 36 * f * f + 8 * f * f + f + 18 * f * f + 8 * f + 9 * f * f + 2 * f + 2;
    for (const filters of [2, 4]) {
      const model = buildUnet({ side: 16, inChannels: 1, numClasses: 2, filters, levels: 1, seed: 1 });
      expect(model.countParams(), `filters ${filters}`).toBe(expected(filters));
      model.dispose();
    }
  });

  test('same seed gives the same weights', () => {
    const options = { side: 16, inChannels: 1, numClasses: 2, filters: 2, levels: 2, seed: 9 };
    const a = buildUnet(options);
    const b = buildUnet(options);
    const c = buildUnet({ ...options, seed: 10 });
    const kernel = (model: tf.LayersModel) => Array.from(model.getLayer('down0_conv1').getWeights()[0].dataSync());
    expect(kernel(a)).toEqual(kernel(b));
    expect(kernel(a)).not.toEqual(kernel(c));
    [a, b, c].forEach((model) => model.dispose());
  });

  test('saves and loads as a layers model', async () => {
    const model = buildUnet({ side: 16, inChannels: 1, numClasses: 2, filters: 2, levels: 2, seed: 3 });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (saved) => {
      artifacts = saved;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const input = tf.randomNormal([1, 16, 16, 1], 0, 1, 'float32', 2);
    const before = (model.predict(input) as tf.Tensor).dataSync();
    const after = (loaded.predict(input) as tf.Tensor).dataSync();
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(loaded.getLayer(BOTTLENECK_LAYER).name).toBe(BOTTLENECK_LAYER);
    tf.dispose(input);
    model.dispose();
    loaded.dispose();
  });

  test('levels that do not fit the side are rejected', () => {
    const error = (() => {
      try {
        buildUnet({ side: 16, inChannels: 1, numClasses: 2, filters: 2, levels: 5, seed: 1 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).field).toBe('side');
    expect((error as LabError).message).toContain('not divisible by 2^levels = 32');
    expect(() => buildUnet({ side: 8, inChannels: 1, numClasses: 2, filters: 2, levels: 1, seed: 1 })).toThrow(/side is 8; it must be a whole number from 16 to 256/);
    expect(() => buildUnet({ side: 16, inChannels: 1, numClasses: 1, filters: 2, seed: 1 })).toThrow(/numClasses is 1/);
  });
});
