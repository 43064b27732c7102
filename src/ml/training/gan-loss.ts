/**
 * The loss object: calls the generator and the discriminator and returns the
 * named terms of each objective, so the loop only orders steps and the
 * statistics show every term (`D/real`, `D/fake`, `D/gp`, `G/adversarial`,
 * `G/feature_matching`, `G/perceptual`). With DiffAugment on, every sample
 * the discriminator sees, real or generated, is augmented first.
 */

import * as tf from '@tensorflow/tfjs';
import type { Random } from '../../core/random';
import { diffAugment } from '../augment/diff-augment';
import type { JointLayout } from '../data/joint';
import { ADVERSARIAL_LOSSES } from '../losses/adversarial';
import { featureMatchingDistance } from '../losses/feature-matching';
import { gradientPenalty, interpolate } from '../losses/gradient-penalty';
import type { PerceptualNetwork } from '../losses/perceptual';
import type { Network } from '../models/network';
import type { RunConfig } from './config';

export type LossTerms = Record<string, tf.Scalar>;

export class GanLoss {
  private readonly layout: JointLayout;

  constructor(
    private readonly config: RunConfig,
    private readonly generator: Network,
    private readonly discriminator: Network,
    private readonly random: Random,
    private readonly perceptual: PerceptualNetwork | null = null,
  ) {
    this.layout = { side: config.resolution, imageChannels: config.imageChannels, numClasses: config.numClasses };
  }

  private get realTarget(): number {
    const { enabled, realTarget } = this.config.labelSmoothing;
    return enabled ? realTarget : 1;
  }

  private critic = (samples: tf.Tensor): tf.Tensor => this.discriminator.forward(samples, true).output;

  /** The discriminator's view of a batch: augmented when DiffAugment is on. */
  private augment(samples: tf.Tensor4D): tf.Tensor4D {
    const { enabled, policies } = this.config.diffAugment;
    return enabled && policies.length > 0 ? diffAugment(samples, policies, this.layout, this.random) : samples;
  }

  /** Terms of the discriminator objective on a real batch and a generated batch. */
  discriminatorTerms(real: tf.Tensor4D, fake: tf.Tensor4D, mix: tf.Tensor1D): LossTerms {
    const seenReal = this.augment(real);
    const seenFake = this.augment(fake);
    const adversarial = ADVERSARIAL_LOSSES[this.config.gan];
    const terms = adversarial.discriminator(this.critic(seenReal), this.critic(seenFake), this.realTarget);
    const result: LossTerms = { 'D/real': terms.real, 'D/fake': terms.fake };
    if (this.config.gan === 'wgan-gp' && this.config.gradientPenalty > 0) {
      result['D/gp'] = gradientPenalty(this.critic, interpolate(seenReal, seenFake, mix), this.config.gradientPenalty);
    }
    return result;
  }

  /** Terms of the generator objective for a batch of latent vectors; `real` feeds the matching terms. */
  generatorTerms(latents: tf.Tensor2D, real: tf.Tensor4D): LossTerms {
    const fake = this.generator.forward(latents, true).output as tf.Tensor4D;
    const fakeResult = this.discriminator.forward(this.augment(fake), true);
    const result: LossTerms = { 'G/adversarial': ADVERSARIAL_LOSSES[this.config.gan].generator(fakeResult.output) };

    if (this.config.featureMatching > 0 && fakeResult.features) {
      const realFeatures = this.discriminator.forward(this.augment(real), true).features!;
      result['G/feature_matching'] = tf.mul(this.config.featureMatching, featureMatchingDistance(realFeatures, fakeResult.features));
    }
    if (this.config.vggPerceptual > 0 && this.perceptual) {
      const images = (x: tf.Tensor4D) => tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, this.config.imageChannels]) as tf.Tensor4D;
      result['G/perceptual'] = tf.mul(this.config.vggPerceptual, this.perceptual.distance(images(real), images(fake)));
    }
    return result;
  }
}

/** Sum of all terms: the value the optimizer minimises. */
export function totalLoss(terms: LossTerms): tf.Scalar {
  return tf.addN(Object.values(terms)) as tf.Scalar;
}
