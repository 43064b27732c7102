/**
 * The loss object: calls the generator and the discriminator and returns the
 * named terms of each objective, so the loop only orders steps and the
 * statistics show every term (`D/real`, `D/fake`, `D/gp`, `G/adversarial`, ...).
 */

import * as tf from '@tensorflow/tfjs';
import { ADVERSARIAL_LOSSES } from '../losses/adversarial';
import { gradientPenalty } from '../losses/gradient-penalty';
import type { Network } from '../models/network';
import type { RunConfig } from './config';

export type LossTerms = Record<string, tf.Scalar>;

export class GanLoss {
  constructor(
    private readonly config: RunConfig,
    private readonly generator: Network,
    private readonly discriminator: Network,
  ) {}

  private get realTarget(): number {
    const { enabled, realTarget } = this.config.labelSmoothing;
    return enabled ? realTarget : 1;
  }

  private critic = (samples: tf.Tensor): tf.Tensor => this.discriminator.forward(samples, true).output;

  /** Terms of the discriminator objective on a real batch and a generated batch. */
  discriminatorTerms(real: tf.Tensor4D, fake: tf.Tensor4D, mix: tf.Tensor1D): LossTerms {
    const adversarial = ADVERSARIAL_LOSSES[this.config.gan];
    const terms = adversarial.discriminator(this.critic(real), this.critic(fake), this.realTarget);
    const result: LossTerms = { 'D/real': terms.real, 'D/fake': terms.fake };
    if (this.config.gan === 'wgan-gp' && this.config.gradientPenalty > 0) {
      result['D/gp'] = gradientPenalty(this.critic, real, fake, mix, this.config.gradientPenalty);
    }
    return result;
  }

  /** Terms of the generator objective for a batch of latent vectors. */
  generatorTerms(latents: tf.Tensor2D, real: tf.Tensor4D): LossTerms {
    const fake = this.generator.forward(latents, true).output;
    const fakeResult = this.discriminator.forward(fake, true);
    const result: LossTerms = { 'G/adversarial': ADVERSARIAL_LOSSES[this.config.gan].generator(fakeResult.output) };
    if (this.config.featureMatching > 0 && fakeResult.features) {
      const realFeatures = this.discriminator.forward(real, true).features!;
      result['G/feature_matching'] = tf.mul(this.config.featureMatching, featureMatchingDistance(realFeatures, fakeResult.features));
    }
    return result;
  }
}

/** Squared L2 distance between the mean critic features of a real and a generated batch, averaged per feature. */
export function featureMatchingDistance(realFeatures: tf.Tensor, fakeFeatures: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(tf.mean(realFeatures, 0), tf.mean(fakeFeatures, 0))));
}

/** Sum of all terms: the value the optimizer minimises. */
export function totalLoss(terms: LossTerms): tf.Scalar {
  return tf.addN(Object.values(terms)) as tf.Scalar;
}
