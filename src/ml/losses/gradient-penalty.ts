/**
 * The WGAN-GP gradient penalty (Gulrajani et al. 2017), per sample:
 *   x_hat = a * x_real + (1 - a) * x_fake,   a ~ U(0, 1) per sample
 *   GP    = lambda * mean_i (||grad_x D(x_hat_i)||_2 - 1)^2
 * Its gradient with respect to the critic's weights differentiates D twice,
 * which every layer of the critic supports (see models/layers).
 */

import * as tf from '@tensorflow/tfjs';

/** Keeps the norm differentiable where the gradient is exactly zero. */
const NORM_EPSILON = 1e-12;

export type Critic = (samples: tf.Tensor) => tf.Tensor;

export function interpolate(real: tf.Tensor4D, fake: tf.Tensor4D, mix: tf.Tensor1D): tf.Tensor4D {
  const a = tf.reshape(mix, [-1, 1, 1, 1]);
  return tf.add(tf.mul(a, real), tf.mul(tf.sub(1, a), fake));
}

/** Per-sample L2 norm of the critic's input gradient at `samples`, `[N]`. */
export function inputGradientNorms(critic: Critic, samples: tf.Tensor4D): tf.Tensor1D {
  const gradient = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(samples);
  return tf.sqrt(tf.add(tf.sum(tf.square(gradient), [1, 2, 3]), NORM_EPSILON)) as tf.Tensor1D;
}

/** lambda * mean((||grad D(x_hat)|| - 1)^2) at the interpolates `xHat` (see `interpolate`). */
export function gradientPenalty(critic: Critic, xHat: tf.Tensor4D, weight: number): tf.Scalar {
  const norms = inputGradientNorms(critic, xHat);
  return tf.mul(weight, tf.mean(tf.square(tf.sub(norms, 1)))) as tf.Scalar;
}
