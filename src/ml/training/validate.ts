/**
 * Validation of a run configuration at the boundary (the run form, the
 * command line, an imported checkpoint). Each problem names the field, the
 * value and the allowed range.
 */

import { LabError } from '../../core/errors';
import {
  ACTIVATIONS,
  DIFF_AUGMENT_POLICIES,
  GAN_KINDS,
  INIT_SCHEMES,
  NORMALIZATIONS,
  OPTIMIZERS,
  type RunConfig,
} from './config';

export interface FieldProblem {
  /** Dotted path of the field, e.g. `generator.learningRate`. */
  field: string;
  message: string;
}

type Check = (config: RunConfig) => FieldProblem | null;

function integerIn(field: string, read: (c: RunConfig) => unknown, min: number, max: number): Check {
  return (config) => {
    const value = read(config);
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return null;
    return { field, message: `${field} is ${show(value)}; it must be a whole number from ${min} to ${max}` };
  };
}

function numberIn(field: string, read: (c: RunConfig) => unknown, min: number, max: number, openMin = false): Check {
  return (config) => {
    const value = read(config);
    const aboveMin = typeof value === 'number' && (openMin ? value > min : value >= min);
    if (aboveMin && (value as number) <= max && Number.isFinite(value)) return null;
    return { field, message: `${field} is ${show(value)}; it must be ${openMin ? 'above' : 'at least'} ${min} and at most ${max}` };
  };
}

function oneOf(field: string, read: (c: RunConfig) => unknown, allowed: readonly unknown[]): Check {
  return (config) => {
    const value = read(config);
    if (allowed.includes(value)) return null;
    return { field, message: `${field} is ${show(value)}; it must be one of ${allowed.map(show).join(', ')}` };
  };
}

function powerOfTwo(field: string, read: (c: RunConfig) => unknown, min: number, max: number): Check {
  return (config) => {
    const value = read(config);
    if (typeof value === 'number' && value >= min && value <= max && Number.isInteger(Math.log2(value))) return null;
    return { field, message: `${field} is ${show(value)}; it must be a power of two from ${min} to ${max}` };
  };
}

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

const networkChecks = (name: 'generator' | 'discriminator'): Check[] => [
  integerIn(`${name}.filters`, (c) => c[name]?.filters, 1, 512),
  oneOf(`${name}.activation`, (c) => c[name]?.activation, ACTIVATIONS),
  oneOf(`${name}.normalization`, (c) => c[name]?.normalization, NORMALIZATIONS),
  oneOf(`${name}.spectralNorm`, (c) => c[name]?.spectralNorm, [true, false]),
  numberIn(`${name}.learningRate`, (c) => c[name]?.learningRate, 0, 1, true),
];

const CHECKS: Check[] = [
  oneOf('gan', (c) => c.gan, GAN_KINDS),
  powerOfTwo('resolution', (c) => c.resolution, 8, 256),
  oneOf('imageChannels', (c) => c.imageChannels, [1, 3]),
  integerIn('numClasses', (c) => c.numClasses, 1, 64),
  integerIn('batchSize', (c) => c.batchSize, 1, 256),
  integerIn('latentSize', (c) => c.latentSize, 1, 1024),
  ...networkChecks('generator'),
  ...networkChecks('discriminator'),
  oneOf('init.scheme', (c) => c.init?.scheme, INIT_SCHEMES),
  numberIn('init.gain', (c) => c.init?.gain, 0, 10, true),
  oneOf('optimizer.kind', (c) => c.optimizer?.kind, OPTIMIZERS),
  numberIn('optimizer.beta1', (c) => c.optimizer?.beta1, 0, 0.9999),
  numberIn('optimizer.beta2', (c) => c.optimizer?.beta2, 0, 0.9999),
  integerIn('criticSteps', (c) => c.criticSteps, 1, 20),
  numberIn('gradientPenalty', (c) => c.gradientPenalty, 0, 1000),
  numberIn('weightClip', (c) => c.weightClip, 0, 10),
  numberIn('featureMatching', (c) => c.featureMatching, 0, 1000),
  numberIn('vggPerceptual', (c) => c.vggPerceptual, 0, 1000),
  (c) =>
    c.vggPerceptual > 0 && !c.perceptualModel
      ? { field: 'vggPerceptual', message: `vggPerceptual is ${c.vggPerceptual} but no VGG model is loaded; it must be 0 until VGG-19 weights are added` }
      : null,
  oneOf('labelSmoothing.enabled', (c) => c.labelSmoothing?.enabled, [true, false]),
  numberIn('labelSmoothing.realTarget', (c) => c.labelSmoothing?.realTarget, 0.5, 1, true),
  oneOf('diffAugment.enabled', (c) => c.diffAugment?.enabled, [true, false]),
  (c) =>
    Array.isArray(c.diffAugment?.policies) && c.diffAugment.policies.every((p) => DIFF_AUGMENT_POLICIES.includes(p))
      ? null
      : { field: 'diffAugment.policies', message: `diffAugment.policies is ${show(c.diffAugment?.policies)}; it must list some of ${DIFF_AUGMENT_POLICIES.join(', ')}` },
  oneOf('augmentReal', (c) => c.augmentReal, [true, false]),
  integerIn('liveMetrics.interval', (c) => c.liveMetrics?.interval, 0, 10_000_000),
  integerIn('liveMetrics.samples', (c) => c.liveMetrics?.samples, 2, 50_000),
  (c) =>
    c.liveMetrics?.interval > 0 && !c.liveMetrics.extractor
      ? { field: 'liveMetrics.interval', message: `liveMetrics.interval is ${c.liveMetrics.interval} but no feature extractor is chosen; it must be 0 until one is loaded` }
      : null,
  integerIn('totalSteps', (c) => c.totalSteps, 1, 10_000_000),
  integerIn('checkpointInterval', (c) => c.checkpointInterval, 1, 10_000_000),
  integerIn('sampleInterval', (c) => c.sampleInterval, 1, 100_000_000),
  integerIn('seed', (c) => c.seed, 0, 2 ** 32 - 1),
];

/** Every problem of a configuration; empty when it is valid. */
export function runConfigProblems(config: RunConfig): FieldProblem[] {
  return CHECKS.map((check) => check(config)).filter((problem): problem is FieldProblem => problem !== null);
}

/** Throws a LabError naming the first invalid field. */
export function validateRunConfig(config: RunConfig): void {
  const [first, ...rest] = runConfigProblems(config);
  if (!first) return;
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((p) => p.field).join(', ')})` : '';
  throw new LabError('invalid-config', `${first.message}${more}`, { field: first.field, hint: 'Correct the value and start again.' });
}
