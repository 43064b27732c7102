/**
 * The generator: latent vector `[N, latent]` to a joint image+mask sample
 * `[N, R, R, imageChannels + numClasses]` in [-1, 1] (tanh). A dense
 * projection to 4x4, then 4x4 transposed convolutions of stride 2, each
 * followed by normalisation and the activation; the last one outputs the
 * joint channels.
 */

import * as tf from '@tensorflow/tfjs';
import { jointChannels, type RunConfig } from '../training/config';
import { BASE_SIDE, KERNEL_SIZE, stageCount, widthAtDepth } from './architecture';
import { GanActivation, GanConv2D, GanDense, GanNormalization } from './layers';
import type { WeightInit } from './layers';
import { Network } from './network';

type GeneratorConfig = Pick<
  RunConfig,
  'resolution' | 'latentSize' | 'imageChannels' | 'numClasses' | 'generator' | 'init' | 'seed'
>;

/** Offset of the generator's layer seeds from the run seed, so G and D never draw the same weights. */
const SEED_OFFSET = 1_000;

export function buildGenerator(config: GeneratorConfig): Network {
  const { filters, activation, normalization, spectralNorm } = config.generator;
  const stages = stageCount(config.resolution);
  const model = tf.sequential({ name: 'generator' });
  let layerIndex = 0;
  const init = (): WeightInit => ({ ...config.init, seed: config.seed * 10_000 + SEED_OFFSET + 10 * layerIndex++ });

  const normAndActivation = (stage: string) => {
    if (normalization !== 'none') model.add(new GanNormalization({ mode: normalization, name: `g_${stage}_norm` }));
    model.add(new GanActivation({ kind: activation, name: `g_${stage}_act` }));
  };

  // Project the latent vector to the 4x4 base feature map.
  const baseWidth = widthAtDepth(filters, stages - 1);
  model.add(tf.layers.inputLayer({ inputShape: [config.latentSize], name: 'g_latent' }));
  model.add(new GanDense({ units: BASE_SIDE * BASE_SIDE * baseWidth, spectralNorm, init: init(), name: 'g_project' }));
  model.add(tf.layers.reshape({ targetShape: [BASE_SIDE, BASE_SIDE, baseWidth], name: 'g_base' }));
  normAndActivation('base');

  // Double the side until one stage is left, halving the channels.
  for (let depth = stages - 2; depth >= 0; depth--) {
    const stage = `up${stages - 1 - depth}`;
    model.add(upsample(widthAtDepth(filters, depth), spectralNorm, init(), `g_${stage}_conv`));
    normAndActivation(stage);
  }

  // The last stage outputs the joint image+mask channels in [-1, 1].
  model.add(upsample(jointChannels(config), spectralNorm, init(), 'g_out_conv'));
  model.add(new GanActivation({ kind: 'tanh', name: 'g_out_tanh' }));
  return new Network(model);
}

function upsample(filters: number, spectralNorm: boolean, init: WeightInit, name: string): GanConv2D {
  return new GanConv2D({ filters, kernelSize: KERNEL_SIZE, strides: 2, padding: 'same', transpose: true, spectralNorm, init, name });
}
