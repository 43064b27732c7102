/**
 * The discriminator (the critic, for WGAN): a joint image+mask sample
 * `[N, R, R, imageChannels + numClasses]` to one logit per sample `[N, 1]`.
 * 4x4 convolutions of stride 2 halve the side down to 4x4, each followed by
 * normalisation (not after the first, as in DCGAN) and the activation; the
 * flattened 4x4 map is the feature vector used by feature matching.
 */

import * as tf from '@tensorflow/tfjs';
import { jointChannels, type RunConfig } from '../training/config';
import { KERNEL_SIZE, stageCount, widthAtDepth } from './architecture';
import { GanActivation, GanConv2D, GanDense, GanNormalization } from './layers';
import type { WeightInit } from './layers';
import { FEATURES_LAYER, Network } from './network';

type DiscriminatorConfig = Pick<RunConfig, 'resolution' | 'imageChannels' | 'numClasses' | 'discriminator' | 'init' | 'seed'>;

const SEED_OFFSET = 5_000;

export function buildDiscriminator(config: DiscriminatorConfig): Network {
  const { filters, activation, normalization, spectralNorm } = config.discriminator;
  const side = config.resolution;
  const model = tf.sequential({ name: 'discriminator' });
  let layerIndex = 0;
  const init = (): WeightInit => ({ ...config.init, seed: config.seed * 10_000 + SEED_OFFSET + 10 * layerIndex++ });

  model.add(tf.layers.inputLayer({ inputShape: [side, side, jointChannels(config)], name: 'd_sample' }));
  for (let depth = 0; depth < stageCount(side); depth++) {
    const stage = `down${depth + 1}`;
    model.add(downsample(widthAtDepth(filters, depth), spectralNorm, init(), `d_${stage}_conv`));
    if (depth > 0 && normalization !== 'none') {
      model.add(new GanNormalization({ mode: normalization, name: `d_${stage}_norm` }));
    }
    model.add(new GanActivation({ kind: activation, name: `d_${stage}_act` }));
  }

  model.add(tf.layers.flatten({ name: `d_${FEATURES_LAYER}` }));
  model.add(new GanDense({ units: 1, spectralNorm, init: init(), name: 'd_logit' }));
  return new Network(model);
}

function downsample(filters: number, spectralNorm: boolean, init: WeightInit, name: string): GanConv2D {
  return new GanConv2D({ filters, kernelSize: KERNEL_SIZE, strides: 2, padding: 'same', transpose: false, spectralNorm, init, name });
}
