/**
 * One preset per GAN: the training settings of the paper that introduced it,
 * on the lab's shared DCGAN-style backbone. A preset sets the loss and the
 * optimisation; the dataset still fixes resolution, channels and classes.
 */

import type { GanKind, RunConfig } from './config';

export type GanPreset = Pick<
  RunConfig,
  'gan' | 'batchSize' | 'generator' | 'discriminator' | 'init' | 'optimizer' | 'criticSteps' | 'gradientPenalty' | 'weightClip'
> & {
  title: string;
  /** Where the values come from, shown next to the preset. */
  source: string;
};

const DCGAN_INIT = { scheme: 'normal', gain: 0.02 } as const;

export const GAN_PRESETS: Record<GanKind, GanPreset> = {
  dcgan: {
    gan: 'dcgan',
    title: 'DCGAN',
    source: 'Radford et al. 2016: Adam 0.0002, beta1 0.5, batch 128, batch norm, ReLU / LeakyReLU 0.2, N(0, 0.02) weights',
    batchSize: 128,
    generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
    discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
    init: DCGAN_INIT,
    optimizer: { kind: 'adam', beta1: 0.5, beta2: 0.999 },
    criticSteps: 1,
    gradientPenalty: 0,
    weightClip: 0,
  },
  lsgan: {
    gan: 'lsgan',
    title: 'LSGAN',
    source: 'Mao et al. 2017: least squares with targets 0 and 1, Adam 0.0002, beta1 0.5, batch 64, batch norm',
    batchSize: 64,
    generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
    discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
    init: DCGAN_INIT,
    optimizer: { kind: 'adam', beta1: 0.5, beta2: 0.999 },
    criticSteps: 1,
    gradientPenalty: 0,
    weightClip: 0,
  },
  wgan: {
    gan: 'wgan',
    title: 'WGAN',
    source: 'Arjovsky et al. 2017: RMSprop 0.00005, clipping at 0.01, 5 critic steps, batch 64',
    batchSize: 64,
    generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.00005 },
    discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'batch', spectralNorm: false, learningRate: 0.00005 },
    init: DCGAN_INIT,
    optimizer: { kind: 'rmsprop', beta1: 0.5, beta2: 0.999 },
    criticSteps: 5,
    gradientPenalty: 0,
    weightClip: 0.01,
  },
  'wgan-gp': {
    gan: 'wgan-gp',
    title: 'WGAN-GP',
    source:
      'Gulrajani et al. 2017: Adam 0.0001, beta1 0, beta2 0.9, lambda 10, 5 critic steps, batch 64; no batch norm in the critic (instance norm stands in for their layer norm)',
    batchSize: 64,
    generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0001 },
    discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'instance', spectralNorm: false, learningRate: 0.0001 },
    init: DCGAN_INIT,
    optimizer: { kind: 'adam', beta1: 0, beta2: 0.9 },
    criticSteps: 5,
    gradientPenalty: 10,
    weightClip: 0,
  },
  hinge: {
    gan: 'hinge',
    title: 'HingeGAN',
    source: 'Lim and Ye 2017, trained as in SNGAN (Miyato et al. 2018): spectral norm in the discriminator, Adam 0.0002, beta1 0.5, batch 64',
    batchSize: 64,
    generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
    discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'none', spectralNorm: true, learningRate: 0.0002 },
    init: DCGAN_INIT,
    optimizer: { kind: 'adam', beta1: 0.5, beta2: 0.999 },
    criticSteps: 1,
    gradientPenalty: 0,
    weightClip: 0,
  },
};

/** The configuration with a GAN's preset applied; other fields are kept. */
export function applyPreset(config: RunConfig, gan: GanKind): RunConfig {
  const { title: _title, source: _source, ...preset } = GAN_PRESETS[gan];
  return { ...config, ...structuredClone(preset) };
}
