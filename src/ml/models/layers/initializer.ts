/**
 * Weight initialisation with an explicit gain, as the GAN literature states it
 * (PyTorch's `torch.nn.init` conventions):
 *   normal          w ~ N(0, gain^2)
 *   xavier-normal   w ~ N(0, gain^2 * 2 / (fanIn + fanOut))
 *   xavier-uniform  w ~ U(-a, a), a = gain * sqrt(6 / (fanIn + fanOut))
 *   kaiming         w ~ N(0, 2 / fanIn)  (He et al. 2015, fan-in mode for ReLU; gain unused)
 * fanIn and fanOut count kernel taps times channels: k * k * channels.
 */

import * as tf from '@tensorflow/tfjs';
import type { InitScheme } from '../../training/config';

export interface WeightInit {
  scheme: InitScheme;
  gain: number;
  /** Seed of this weight's draw; each layer gets its own. */
  seed: number;
}

export function initialWeights(
  shape: number[],
  init: WeightInit,
  fans: { fanIn: number; fanOut: number },
): tf.Tensor {
  const { scheme, gain, seed } = init;
  const { fanIn, fanOut } = fans;
  switch (scheme) {
    case 'normal':
      return tf.randomNormal(shape, 0, gain, 'float32', seed);
    case 'xavier-normal':
      return tf.randomNormal(shape, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), 'float32', seed);
    case 'xavier-uniform': {
      const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
      return tf.randomUniform(shape, -bound, bound, 'float32', seed);
    }
    case 'kaiming':
      return tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', seed);
  }
}
