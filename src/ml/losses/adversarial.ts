/**
 * The adversarial losses of the GAN family, on critic logits `[N, 1]`.
 * Networks never compute losses; these functions only combine logits.
 *
 * DCGAN (non-saturating, Goodfellow et al. 2014), with t the real target
 * (1, or less under one-sided label smoothing):
 *   L_D = mean(BCE(D(x), t)) + mean(BCE(D(G(z)), 0)),   L_G = mean(BCE(D(G(z)), 1))
 *   BCE(l, t) = softplus(l) - t * l, and softplus(l) = relu(l) + log(1 + exp(-|l|))
 *   never overflows, because exp only sees non-positive arguments.
 * LSGAN (Mao et al. 2017):
 *   L_D = 0.5 mean((D(x) - t)^2) + 0.5 mean(D(G(z))^2),  L_G = 0.5 mean((D(G(z)) - 1)^2)
 * WGAN and WGAN-GP (Arjovsky et al. 2017, Gulrajani et al. 2017):
 *   L_D = mean(D(G(z))) - mean(D(x)),                      L_G = -mean(D(G(z)))
 * Hinge (Lim and Ye 2017, "geometric GAN"):
 *   L_D = mean(relu(1 - D(x))) + mean(relu(1 + D(G(z)))),   L_G = -mean(D(G(z)))
 */

import * as tf from '@tensorflow/tfjs';
import type { GanKind } from '../training/config';

export interface DiscriminatorLossTerms {
  /** Term of the real samples. */
  real: tf.Scalar;
  /** Term of the generated samples. */
  fake: tf.Scalar;
}

export interface AdversarialLoss {
  discriminator(realLogits: tf.Tensor, fakeLogits: tf.Tensor, realTarget: number): DiscriminatorLossTerms;
  generator(fakeLogits: tf.Tensor): tf.Scalar;
}

export function softplus(logits: tf.Tensor): tf.Tensor {
  return tf.add(tf.relu(logits), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
}

/** Binary cross-entropy of sigmoid(logits) against a constant target, per element. */
export function binaryCrossEntropyWithLogits(logits: tf.Tensor, target: number): tf.Tensor {
  return tf.sub(softplus(logits), tf.mul(target, logits));
}

const dcgan: AdversarialLoss = {
  discriminator: (realLogits, fakeLogits, realTarget) => ({
    real: tf.mean(binaryCrossEntropyWithLogits(realLogits, realTarget)),
    fake: tf.mean(binaryCrossEntropyWithLogits(fakeLogits, 0)),
  }),
  generator: (fakeLogits) => tf.mean(binaryCrossEntropyWithLogits(fakeLogits, 1)),
};

const lsgan: AdversarialLoss = {
  discriminator: (realLogits, fakeLogits, realTarget) => ({
    real: tf.mul(0.5, tf.mean(tf.square(tf.sub(realLogits, realTarget)))) as tf.Scalar,
    fake: tf.mul(0.5, tf.mean(tf.square(fakeLogits))) as tf.Scalar,
  }),
  generator: (fakeLogits) => tf.mul(0.5, tf.mean(tf.square(tf.sub(fakeLogits, 1)))) as tf.Scalar,
};

const wasserstein: AdversarialLoss = {
  discriminator: (realLogits, fakeLogits) => ({
    real: tf.neg(tf.mean(realLogits)) as tf.Scalar,
    fake: tf.mean(fakeLogits) as tf.Scalar,
  }),
  generator: (fakeLogits) => tf.neg(tf.mean(fakeLogits)) as tf.Scalar,
};

const hinge: AdversarialLoss = {
  discriminator: (realLogits, fakeLogits) => ({
    real: tf.mean(tf.relu(tf.sub(1, realLogits))),
    fake: tf.mean(tf.relu(tf.add(1, fakeLogits))),
  }),
  generator: (fakeLogits) => tf.neg(tf.mean(fakeLogits)) as tf.Scalar,
};

export const ADVERSARIAL_LOSSES: Record<GanKind, AdversarialLoss> = {
  dcgan,
  lsgan,
  wgan: wasserstein,
  'wgan-gp': wasserstein,
  hinge,
};
