import { describe, expect, test } from 'vitest';
import { LabError } from '../../core/errors';
import type { RunConfig } from './config';
import { DEFAULT_RUN_CONFIG } from './defaults';
import { GAN_PRESETS } from './presets';
import { runConfigProblems, validateRunConfig } from './validate';

function problemsOf(change: (config: RunConfig) => void) {
  const config = structuredClone(DEFAULT_RUN_CONFIG);
  change(config);
  return runConfigProblems(config);
}

describe('validateRunConfig', () => {
  test('defaults and every preset are valid', () => {
    expect(runConfigProblems(DEFAULT_RUN_CONFIG)).toEqual([]);
    for (const preset of Object.values(GAN_PRESETS)) expect(runConfigProblems({ ...DEFAULT_RUN_CONFIG, ...preset }), preset.gan).toEqual([]);
  });

  test.each([
    ['batchSize', (c: RunConfig) => (c.batchSize = 0), 'batchSize is 0; it must be a whole number from 1 to 256'],
    ['batchSize', (c: RunConfig) => (c.batchSize = 2.5), 'batchSize is 2.5; it must be a whole number from 1 to 256'],
    ['generator.learningRate', (c: RunConfig) => (c.generator.learningRate = 0), 'generator.learningRate is 0; it must be above 0 and at most 1'],
    ['discriminator.filters', (c: RunConfig) => (c.discriminator.filters = 1000), 'discriminator.filters is 1000; it must be a whole number from 1 to 512'],
    ['discriminator.activation', (c: RunConfig) => ((c.discriminator as { activation: string }).activation = 'gelu'), 'discriminator.activation is "gelu"; it must be one of "relu", "leaky-relu", "elu", "selu"'],
    ['resolution', (c: RunConfig) => (c.resolution = 48), 'resolution is 48; it must be a power of two from 8 to 256'],
    ['init.gain', (c: RunConfig) => (c.init.gain = -1), 'init.gain is -1; it must be above 0 and at most 10'],
    ['labelSmoothing.realTarget', (c: RunConfig) => (c.labelSmoothing.realTarget = 1.2), 'labelSmoothing.realTarget is 1.2; it must be above 0.5 and at most 1'],
    ['diffAugment.policies', (c: RunConfig) => ((c.diffAugment.policies as string[]) = ['rotate']), 'diffAugment.policies is ["rotate"]; it must list some of color, translation, cutout'],
    ['vggPerceptual', (c: RunConfig) => (c.vggPerceptual = 1), 'vggPerceptual is 1 but no VGG model is loaded; it must be 0 until VGG-19 weights are added'],
    ['seed', (c: RunConfig) => (c.seed = -3), 'seed is -3; it must be a whole number from 0 to 4294967295'],
  ])('%s out of range', (field, change, message) => {
    expect(problemsOf(change)).toEqual([{ field, message }]);
  });

  test('throws a LabError naming the first field and counting the others', () => {
    const config = { ...structuredClone(DEFAULT_RUN_CONFIG), batchSize: 0, latentSize: 0 };
    let error: unknown;
    try {
      validateRunConfig(config);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).field).toBe('batchSize');
    expect((error as LabError).message).toContain('(and 1 more: latentSize)');
  });
});
