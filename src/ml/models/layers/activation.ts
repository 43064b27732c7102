/**
 * Activations written from ops whose gradients are themselves differentiable.
 * A gradient penalty differentiates the critic twice, and TensorFlow.js 4.22
 * has no gradient for the gradient kernels of `leakyRelu` (Greater), `elu`
 * (EluGrad) or `selu`, so those are rebuilt from `relu` and `exp`:
 *   leakyRelu(x) = relu(x) - a * relu(-x)
 *   elu(x)       = relu(x) + exp(-relu(-x)) - 1          (= exp(x) - 1 for x < 0)
 *   selu(x)      = scale * (relu(x) + alpha * (exp(-relu(-x)) - 1))
 */

import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { Activation } from '../../training/config';

export type LayerActivation = Activation | 'tanh' | 'linear';

/** Negative slope of the leaky ReLU, as in DCGAN. */
export const LEAKY_SLOPE = 0.2;

// Constants of SELU from Klambauer et al. 2017.
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

export function leakyRelu(x: tf.Tensor, slope = LEAKY_SLOPE): tf.Tensor {
  return tf.sub(tf.relu(x), tf.mul(slope, tf.relu(tf.neg(x))));
}

/** exp(min(x, 0)) - 1, with min(x, 0) written as -relu(-x). */
function expMinusOneOfNegativePart(x: tf.Tensor): tf.Tensor {
  return tf.sub(tf.exp(tf.neg(tf.relu(tf.neg(x)))), 1);
}

export function elu(x: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(x), expMinusOneOfNegativePart(x));
}

export function selu(x: tf.Tensor): tf.Tensor {
  return tf.mul(SELU_SCALE, tf.add(tf.relu(x), tf.mul(SELU_ALPHA, expMinusOneOfNegativePart(x))));
}

export function activate(x: tf.Tensor, kind: LayerActivation): tf.Tensor {
  switch (kind) {
    case 'relu':
      return tf.relu(x);
    case 'leaky-relu':
      return leakyRelu(x);
    case 'elu':
      return elu(x);
    case 'selu':
      return selu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'linear':
      return x;
  }
}

interface GanActivationArgs extends LayerArgs {
  kind: LayerActivation;
}

export class GanActivation extends tf.layers.Layer {
  static readonly className = 'GanActivation';
  readonly kind: LayerActivation;

  constructor(args: GanActivationArgs) {
    super(args);
    this.kind = args.kind;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => activate(Array.isArray(inputs) ? inputs[0] : inputs, this.kind));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), kind: this.kind };
  }
}

tf.serialization.registerClass(GanActivation);
