import { describe, expect, test } from 'vitest';
import { DEFAULT_RUN_CONFIG } from '../ml/training/defaults';
import { GAN_PRESETS } from '../ml/training/presets';
import { UsageError } from './options';
import { buildRunConfig, mergeOverrides } from './run-config';

const dataset = { resolution: 32, imageChannels: 1, numClasses: 4 };

describe('buildRunConfig', () => {
  test('preset, then overrides, then flags, then the dataset', () => {
    const config = buildRunConfig({
      gan: 'wgan-gp',
      overrides: { values: { batchSize: 12, discriminator: { filters: 8 }, resolution: 128 }, source: 'o.json' },
      flags: { batchSize: 6, totalSteps: undefined },
      dataset,
    });
    expect(config.gan).toBe('wgan-gp');
    expect(config.gradientPenalty).toBe(GAN_PRESETS['wgan-gp'].gradientPenalty);
    expect(config.discriminator).toEqual({ ...GAN_PRESETS['wgan-gp'].discriminator, filters: 8 });
    expect(config.batchSize).toBe(6);
    expect(config.totalSteps).toBe(DEFAULT_RUN_CONFIG.totalSteps);
    expect(config.resolution).toBe(32);
    expect(config.numClasses).toBe(4);
  });

  test('unknown override field is named', () => {
    expect(() => mergeOverrides(DEFAULT_RUN_CONFIG, { epochs: 3 }, 'o.json')).toThrow(UsageError);
    expect(() => mergeOverrides(DEFAULT_RUN_CONFIG, { epochs: 3 }, 'o.json')).toThrow('o.json: "epochs" is not a run configuration field');
    expect(() => mergeOverrides(DEFAULT_RUN_CONFIG, { generator: { width: 3 } }, 'o.json')).toThrow('"generator.width" is not a run configuration field');
  });
});
