import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../core/random';
import { BatchSampler } from '../data/training-set';
import { PerceptualNetwork } from '../losses/perceptual';
import { buildDiscriminator } from '../models/discriminator';
import { buildGenerator } from '../models/generator';
import { kernelMatrix } from '../models/layers';
import type { Network } from '../models/network';
import { standInVgg } from '../testing/stand-in-vgg';
import { tinyConfig, tinyTrainingSet } from '../testing/tiny';
import type { RunConfig } from './config';
import { GanLoss } from './gan-loss';
import { GanTrainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function weightShapes(network: Network): Record<string, number[]> {
  return Object.fromEntries(network.model.weights.map((w) => [w.originalName, w.shape as number[]]));
}

function layerClasses(network: Network): string[] {
  return network.model.layers.map((layer) => {
    const config = layer.getConfig();
    return `${layer.getClassName()}${config.kind ? `:${String(config.kind)}` : ''}${config.mode ? `:${String(config.mode)}` : ''}`;
  });
}

function std(values: ArrayLike<number>): number {
  const n = values.length;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
    squares += values[i] * values[i];
  }
  return Math.sqrt(squares / n - (sum / n) ** 2);
}

/** Largest singular value by 200 power iterations in plain JavaScript. */
function topSingularValue(matrix: number[][]): number {
  let v = matrix[0].map(() => 1);
  let sigma = 0;
  for (let i = 0; i < 200; i++) {
    const u = matrix.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
    const w = matrix[0].map((_, j) => matrix.reduce((s, row, r) => s + row[j] * u[r], 0));
    const norm = Math.hypot(...w);
    sigma = Math.sqrt(norm);
    v = w.map((x) => x / norm);
  }
  return sigma;
}

function lossTerms(config: RunConfig, perceptual: PerceptualNetwork | null = null) {
  const generator = buildGenerator(config);
  const discriminator = buildDiscriminator(config);
  const loss = new GanLoss(config, generator, discriminator, new Random(2), perceptual);
  const real = tf.randomUniform([4, 16, 16, 3], -1, 1, 'float32', 5) as tf.Tensor4D;
  const fake = tf.randomUniform([4, 16, 16, 3], -1, 1, 'float32', 6) as tf.Tensor4D;
  const latents = tf.randomNormal([4, config.latentSize], 0, 1, 'float32', 7) as tf.Tensor2D;
  const read = (terms: Record<string, tf.Scalar>) => Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, v.dataSync()[0]]));
  return {
    d: read(loss.discriminatorTerms(real, fake, tf.tensor1d([0.1, 0.4, 0.6, 0.9]))),
    g: read(loss.generatorTerms(latents, real)),
    realLogits: Array.from(discriminator.forward(real, true).output.dataSync()),
  };
}

describe('hyperparameters', () => {
  test('filters set the channel widths', () => {
    const config = tinyConfig({ generator: { ...tinyConfig().generator, filters: 16 }, discriminator: { ...tinyConfig().discriminator, filters: 32 } });
    const g = weightShapes(buildGenerator(config));
    const d = weightShapes(buildDiscriminator(config));
    // 16 x 16 has two stages: G projects to 4x4x(2*16), then 16 channels, then 3 joint channels.
    expect(g['g_project/kernel']).toEqual([8, 4 * 4 * 32]);
    expect(g['g_up1_conv/kernel']).toEqual([4, 4, 16, 32]);
    expect(g['g_out_conv/kernel']).toEqual([4, 4, 3, 16]);
    expect(d['d_down1_conv/kernel']).toEqual([4, 4, 3, 32]);
    expect(d['d_down2_conv/kernel']).toEqual([4, 4, 32, 64]);
  });

  test('activations choose the layers', () => {
    const config = tinyConfig({
      generator: { ...tinyConfig().generator, activation: 'elu' },
      discriminator: { ...tinyConfig().discriminator, activation: 'selu' },
    });
    expect(layerClasses(buildGenerator(config)).filter((c) => c.startsWith('GanActivation'))).toEqual([
      'GanActivation:elu',
      'GanActivation:elu',
      'GanActivation:tanh',
    ]);
    expect(layerClasses(buildDiscriminator(config)).filter((c) => c.startsWith('GanActivation'))).toEqual(['GanActivation:selu', 'GanActivation:selu']);
  });

  test.each(['batch', 'instance', 'none'] as const)('%s normalisation', (normalization) => {
    const config = tinyConfig({ generator: { ...tinyConfig().generator, normalization }, discriminator: { ...tinyConfig().discriminator, normalization } });
    const expected = normalization === 'none' ? [] : [`GanNormalization:${normalization}`];
    expect(layerClasses(buildGenerator(config)).filter((c) => c.startsWith('GanNormalization'))).toEqual([...expected, ...expected]);
    expect(layerClasses(buildDiscriminator(config)).filter((c) => c.startsWith('GanNormalization'))).toEqual(expected);
  });

  test('spectral norm bounds the top singular value near 1', () => {
    const options = { ...tinyConfig().discriminator, spectralNorm: true };
    const config = tinyConfig({ discriminator: options, generator: { ...tinyConfig().generator, spectralNorm: true }, init: { scheme: 'normal', gain: 0.5 } });
    const discriminator = buildDiscriminator(config);
    const generator = buildGenerator(config);
    const x = tf.randomNormal([2, 16, 16, 3]);
    // Each training call runs one power iteration.
    for (let i = 0; i < 30; i++) tf.dispose([discriminator.forward(x, true).output, generator.forward(tf.randomNormal([2, 8]), true).output]);

    const check = (network: Network, layerName: string, layout: 'conv' | 'conv-transpose' | 'dense') => {
      const layer = network.model.getLayer(layerName);
      const [kernel, , u, v] = layer.getWeights();
      const sigmaEstimate = tf.sum(tf.mul(u, tf.matMul(kernelMatrix(kernel, layout), v))).dataSync()[0];
      const matrix = kernelMatrix(kernel, layout).arraySync() as number[][];
      const sigma = topSingularValue(matrix);
      expect(sigma, `${layerName} has an unnormalised norm`).toBeGreaterThan(1.5);
      expect(sigma / sigmaEstimate, layerName).toBeCloseTo(1, 1);
    };
    check(discriminator, 'd_down2_conv', 'conv');
    check(discriminator, 'd_logit', 'dense');
    check(generator, 'g_up1_conv', 'conv-transpose');
  });

  test.each([
    ['normal', 0.02, (fanIn: number, fanOut: number) => 0.02 + 0 * (fanIn + fanOut)],
    ['normal', 0.1, () => 0.1],
    ['xavier-normal', 1, (fanIn: number, fanOut: number) => Math.sqrt(2 / (fanIn + fanOut))],
    ['xavier-uniform', 1, (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut)) / Math.sqrt(3)],
    ['kaiming', 1, (fanIn: number) => Math.sqrt(2 / fanIn)],
  ] as const)('%s init with gain %s', (scheme, gain, expectedStd) => {
    const config = tinyConfig({ init: { scheme, gain }, discriminator: { ...tinyConfig().discriminator, filters: 16 } });
    const kernel = buildDiscriminator(config).model.getLayer('d_down2_conv').getWeights()[0];
    // d_down2_conv: 4x4 kernel from 16 to 32 channels.
    const fanIn = 16 * 16;
    const fanOut = 16 * 32;
    expect(std(kernel.dataSync()) / expectedStd(fanIn, fanOut)).toBeCloseTo(1, 1);
  });

  test('gradient penalty weight scales the penalty', () => {
    const gp = (gradientPenalty: number) => lossTerms(tinyConfig({ gan: 'wgan-gp', gradientPenalty })).d['D/gp'];
    expect(gp(10) / gp(1)).toBeCloseTo(10, 4);
    expect(lossTerms(tinyConfig({ gan: 'wgan-gp', gradientPenalty: 0 })).d['D/gp']).toBeUndefined();
    expect(lossTerms(tinyConfig({ gan: 'wgan', gradientPenalty: 10 })).d['D/gp']).toBeUndefined();
  });

  test('feature matching weight scales its term', () => {
    const fm = (featureMatching: number) => lossTerms(tinyConfig({ featureMatching })).g['G/feature_matching'];
    expect(fm(0)).toBeUndefined();
    expect(fm(1)).toBeGreaterThan(0);
    expect(fm(10) / fm(1)).toBeCloseTo(10, 4);
  });

  test('VGG perceptual weight scales its term', () => {
    const perceptual = new PerceptualNetwork(standInVgg());
    const model = { name: 'stand-in', sha256: 'test' };
    const term = (vggPerceptual: number) => lossTerms(tinyConfig({ vggPerceptual, perceptualModel: model }), perceptual).g['G/perceptual'];
    expect(term(1)).toBeGreaterThan(0);
    expect(term(10) / term(1)).toBeCloseTo(10, 4);
    expect(lossTerms(tinyConfig(), perceptual).g['G/perceptual']).toBeUndefined();
    expect(() => new GanTrainer(tinyConfig({ vggPerceptual: 1, perceptualModel: model }), tinyTrainingSet(4))).toThrow(/no VGG network/);
  });

  test('label smoothing lowers the real target', () => {
    const plain = lossTerms(tinyConfig());
    const smoothed = lossTerms(tinyConfig({ labelSmoothing: { enabled: true, realTarget: 0.9 } }));
    // BCE(x, t) = softplus(x) - t x, so the real term grows by 0.1 * mean(real logits).
    const meanLogit = plain.realLogits.reduce((a, b) => a + b, 0) / plain.realLogits.length;
    expect(smoothed.d['D/real'] - plain.d['D/real']).toBeCloseTo(0.1 * meanLogit, 5);
  });

  test('DiffAugment changes what the discriminator sees', () => {
    const plain = lossTerms(tinyConfig());
    const augmented = lossTerms(tinyConfig({ diffAugment: { enabled: true, policies: ['color', 'translation', 'cutout'] } }));
    expect(augmented.d['D/real']).not.toBeCloseTo(plain.d['D/real'], 6);
  });

  test('learning rate sets the step size', async () => {
    const change = async (learningRate: number) => {
      const config = tinyConfig({ generator: { ...tinyConfig().generator, learningRate } });
      const trainer = new GanTrainer(config, tinyTrainingSet(8));
      const kernel = trainer.generator.model.getLayer('g_project').getWeights()[0];
      const before = kernel.dataSync().slice();
      await trainer.trainStep();
      const after = trainer.generator.model.getLayer('g_project').getWeights()[0].dataSync();
      trainer.dispose();
      // Adam's first step moves each weight by about the learning rate.
      return Math.max(...Array.from(after, (v, i) => Math.abs(v - before[i])));
    };
    expect(await change(0.001)).toBeCloseTo(0.001, 4);
    expect(await change(0.0001)).toBeCloseTo(0.0001, 5);
  });

  test('critic steps and batch size set the images seen', async () => {
    const trainer = new GanTrainer(tinyConfig({ gan: 'wgan', criticSteps: 3, batchSize: 2 }), tinyTrainingSet(8));
    const result = await trainer.trainStep();
    expect(result.imagesSeen).toBe(6);
    expect((await trainer.optimizerD.getWeights())[0].tensor.dataSync()[0]).toBe(3);
    trainer.dispose();
  });

  test('optimizer kind and betas reach the optimizers', () => {
    const rmsprop = new GanTrainer(tinyConfig({ optimizer: { kind: 'rmsprop', beta1: 0.5, beta2: 0.999 } }), tinyTrainingSet(4));
    expect(rmsprop.optimizerD.getClassName()).toBe('RMSProp');
    rmsprop.dispose();
    const adam = new GanTrainer(tinyConfig({ optimizer: { kind: 'adam', beta1: 0, beta2: 0.9 } }), tinyTrainingSet(4));
    expect(adam.optimizerG.getClassName()).toBe('Adam');
    expect(adam.optimizerG.getConfig()).toMatchObject({ beta1: 0, beta2: 0.9 });
    adam.dispose();
  });

  test('real-set augmentation transforms the batches', () => {
    const data = tinyTrainingSet(4);
    const plain = new BatchSampler(data, new Random(1)).next(4);
    const augmented = new BatchSampler(data, new Random(1), true).next(4);
    expect(Array.from(augmented)).not.toEqual(Array.from(plain));
  });

  test('latent size sets the generator input', () => {
    const generator = buildGenerator(tinyConfig({ latentSize: 24 }));
    expect(generator.model.inputs[0].shape).toEqual([null, 24]);
  });
});
