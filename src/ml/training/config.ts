/**
 * The run configuration: every option of a GAN training run, validated once
 * when a run is created and saved with the run and with every checkpoint.
 */

import type { LiveMetricsOptions } from '../metrics/fidelity-record';

export const GAN_KINDS = ['dcgan', 'lsgan', 'wgan', 'wgan-gp', 'hinge'] as const;
export type GanKind = (typeof GAN_KINDS)[number];

export const ACTIVATIONS = ['relu', 'leaky-relu', 'elu', 'selu'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const NORMALIZATIONS = ['batch', 'instance', 'none'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

export const INIT_SCHEMES = ['normal', 'xavier-normal', 'xavier-uniform', 'kaiming'] as const;
export type InitScheme = (typeof INIT_SCHEMES)[number];

export const OPTIMIZERS = ['adam', 'rmsprop'] as const;
export type OptimizerKind = (typeof OPTIMIZERS)[number];

export const DIFF_AUGMENT_POLICIES = ['color', 'translation', 'cutout'] as const;
export type DiffAugmentPolicy = (typeof DIFF_AUGMENT_POLICIES)[number];

/** A model in the lab's cache, identified by the SHA-256 of its files. */
export interface ModelReference {
  name: string;
  sha256: string;
}

export interface NetworkOptions {
  /** Channels of the widest-resolution convolution; deeper layers double it, up to 8x. */
  filters: number;
  activation: Activation;
  normalization: Normalization;
  spectralNorm: boolean;
  learningRate: number;
}

export interface RunConfig {
  gan: GanKind;
  /** Side of the square images in pixels, a power of two; fixed by the dataset. */
  resolution: number;
  /** Image channels of the dataset (1 grayscale, 3 RGB). */
  imageChannels: number;
  /** Segmentation classes of the dataset, background included; the mask enters as this many one-hot channels. */
  numClasses: number;
  batchSize: number;
  latentSize: number;
  generator: NetworkOptions;
  discriminator: NetworkOptions;
  init: { scheme: InitScheme; gain: number };
  optimizer: { kind: OptimizerKind; beta1: number; beta2: number };
  /** Discriminator (critic) updates per generator update. */
  criticSteps: number;
  /** Weight of the WGAN-GP gradient penalty, lambda. */
  gradientPenalty: number;
  /** WGAN critic weights are clipped to [-c, c] after every critic step; 0 turns clipping off. */
  weightClip: number;
  /** Weight of the feature matching term in the generator loss. */
  featureMatching: number;
  /** Weight of the VGG perceptual term in the generator loss; needs `perceptualModel`. */
  vggPerceptual: number;
  /** The VGG weights the perceptual term uses, as stored in the lab's model cache. */
  perceptualModel: ModelReference | null;
  /** One-sided label smoothing: target of real samples in the discriminator loss. */
  labelSmoothing: { enabled: boolean; realTarget: number };
  diffAugment: { enabled: boolean; policies: DiffAugmentPolicy[] };
  /** Flips, small rotations and shifts of real pairs before they reach the discriminator. */
  augmentReal: boolean;
  /** FID and KID computed by the metrics worker while training. */
  liveMetrics: LiveMetricsOptions;
  /** Generator updates to train for. */
  totalSteps: number;
  /** A checkpoint is written every this many generator steps, and at pause and stop. */
  checkpointInterval: number;
  /** The sample grid is refreshed every this many real images shown to the discriminator. */
  sampleInterval: number;
  seed: number;
}

/** Channels a network sees per pixel: the image, then one one-hot channel per class. */
export function jointChannels(config: Pick<RunConfig, 'imageChannels' | 'numClasses'>): number {
  return config.imageChannels + config.numClasses;
}
