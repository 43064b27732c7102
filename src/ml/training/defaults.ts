/**
 * The default run configuration: DCGAN as Radford et al. (2016) trained it
 * (Adam, learning rate 0.0002, beta1 0.5, N(0, 0.02) weights, batch norm,
 * ReLU in the generator and LeakyReLU 0.2 in the discriminator).
 */

import type { RunConfig } from './config';

export const DEFAULT_RUN_CONFIG: RunConfig = {
  gan: 'dcgan',
  resolution: 64,
  imageChannels: 1,
  numClasses: 2,
  batchSize: 16,
  latentSize: 100,
  generator: { filters: 64, activation: 'relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
  discriminator: { filters: 64, activation: 'leaky-relu', normalization: 'batch', spectralNorm: false, learningRate: 0.0002 },
  init: { scheme: 'normal', gain: 0.02 },
  optimizer: { kind: 'adam', beta1: 0.5, beta2: 0.999 },
  criticSteps: 1,
  gradientPenalty: 0,
  weightClip: 0,
  featureMatching: 0,
  vggPerceptual: 0,
  perceptualModel: null,
  labelSmoothing: { enabled: false, realTarget: 0.9 },
  diffAugment: { enabled: false, policies: ['color', 'translation', 'cutout'] },
  augmentReal: false,
  liveMetrics: { interval: 0, samples: 256, extractor: null },
  totalSteps: 2000,
  checkpointInterval: 200,
  sampleInterval: 512,
  seed: 1,
};
