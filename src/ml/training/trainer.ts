/**
 * One GAN being trained: both networks, their optimizers, the loss object,
 * the batch sampler and the random stream. `trainStep` performs one
 * generator update preceded by `criticSteps` discriminator updates.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';
import { Random } from '../../core/random';
import { BatchSampler, type TrainingSet } from '../data/training-set';
import { jointPixelChannels } from '../data/joint';
import { buildDiscriminator } from '../models/discriminator';
import { buildGenerator } from '../models/generator';
import type { PerceptualNetwork } from '../losses/perceptual';
import type { Network } from '../models/network';
import type { RunConfig } from './config';
import { GanLoss, totalLoss, type LossTerms } from './gan-loss';
import { createOptimizer } from './optimizers';

/** Samples in the fixed grid shown while training. */
export const SAMPLE_GRID_SIZE = 16;

/** Stream of the fixed latent vectors of the sample grid, apart from the training stream. */
const SAMPLE_SEED_OFFSET = 0x5eed;

export interface StepResult {
  /** Generator steps done, this one included. */
  step: number;
  /** Real images shown to the discriminator so far. */
  imagesSeen: number;
  /** Each loss term, then `Loss/D` and `Loss/G`, averaged over the critic steps for D. */
  losses: Record<string, number>;
  seconds: number;
}

export interface TrainerParts {
  generator: Network;
  discriminator: Network;
  random: Random;
  step: number;
  imagesSeen: number;
}

export class GanTrainer {
  readonly config: RunConfig;
  readonly generator: Network;
  readonly discriminator: Network;
  readonly optimizerG: tf.Optimizer;
  readonly optimizerD: tf.Optimizer;
  readonly sampler: BatchSampler;
  random: Random;
  step: number;
  imagesSeen: number;
  private readonly loss: GanLoss;
  private readonly sampleLatents: tf.Tensor2D;

  /**
   * @param perceptual the VGG network of the perceptual term; required when `config.vggPerceptual` > 0
   */
  constructor(config: RunConfig, data: TrainingSet, parts?: TrainerParts, perceptual: PerceptualNetwork | null = null) {
    this.config = config;
    this.generator = parts?.generator ?? buildGenerator(config);
    this.discriminator = parts?.discriminator ?? buildDiscriminator(config);
    this.random = parts?.random ?? new Random(config.seed);
    this.step = parts?.step ?? 0;
    this.imagesSeen = parts?.imagesSeen ?? 0;
    this.optimizerG = createOptimizer(config, config.generator.learningRate);
    this.optimizerD = createOptimizer(config, config.discriminator.learningRate);
    this.sampler = new BatchSampler(data, this.random, config.augmentReal);
    if (config.vggPerceptual > 0 && !perceptual) {
      throw new LabError('invalid-config', `vggPerceptual is ${config.vggPerceptual} but no VGG network was given to the trainer`, {
        field: 'vggPerceptual',
        hint: 'Load VGG-19 weights in the run form, or set the perceptual weight to 0.',
      });
    }
    this.loss = new GanLoss(config, this.generator, this.discriminator, this.random, perceptual);
    this.sampleLatents = tf.keep(this.latentsFrom(new Random(config.seed ^ SAMPLE_SEED_OFFSET), SAMPLE_GRID_SIZE));
  }

  async trainStep(): Promise<StepResult> {
    const started = performance.now();
    const termValues: Record<string, number[]> = {};
    const record = async (terms: tf.Tensor[], names: string[]) => {
      const stacked = tf.stack(terms);
      const values = await stacked.data();
      tf.dispose([stacked, ...terms]);
      names.forEach((name, i) => (termValues[name] ??= []).push(values[i]));
    };

    for (let i = 0; i < this.config.criticSteps; i++) {
      const { values, names } = this.discriminatorStep();
      await record(values, names);
    }
    const { values, names } = this.generatorStep();
    await record(values, names);

    this.step += 1;
    this.imagesSeen += this.config.batchSize * this.config.criticSteps;
    return {
      step: this.step,
      imagesSeen: this.imagesSeen,
      losses: summarizeTerms(termValues),
      seconds: (performance.now() - started) / 1000,
    };
  }

  private discriminatorStep(): { values: tf.Tensor[]; names: string[] } {
    const batchSize = this.config.batchSize;
    const real = this.realBatch(batchSize);
    const fake = tf.tidy(() => this.generator.forward(this.latentsFrom(this.random, batchSize), true).output as tf.Tensor4D);
    const mix = tf.tensor1d(Array.from({ length: batchSize }, () => this.random.uniform()));

    let kept: LossTerms = {};
    this.optimizerD.minimize(() => {
      kept = keepTerms(this.loss.discriminatorTerms(real, fake, mix));
      return totalLoss(kept);
    }, false, this.discriminator.trainableVariables);

    if (this.config.weightClip > 0) this.clipDiscriminatorWeights(this.config.weightClip);
    tf.dispose([real, fake, mix]);
    return { values: Object.values(kept), names: Object.keys(kept) };
  }

  private generatorStep(): { values: tf.Tensor[]; names: string[] } {
    const batchSize = this.config.batchSize;
    const latents = this.latentsFrom(this.random, batchSize);
    const real = this.realBatch(batchSize);

    let kept: LossTerms = {};
    this.optimizerG.minimize(() => {
      kept = keepTerms(this.loss.generatorTerms(latents, real));
      return totalLoss(kept);
    }, false, this.generator.trainableVariables);

    tf.dispose([latents, real]);
    return { values: Object.values(kept), names: Object.keys(kept) };
  }

  /** WGAN's Lipschitz constraint by clipping: every critic weight into [-c, c]. */
  private clipDiscriminatorWeights(bound: number): void {
    tf.tidy(() => {
      for (const variable of this.discriminator.trainableVariables) {
        variable.assign(tf.clipByValue(variable, -bound, bound));
      }
    });
  }

  private realBatch(batchSize: number): tf.Tensor4D {
    const { resolution } = this.config;
    return tf.tensor4d(this.sampler.next(batchSize), [batchSize, resolution, resolution, jointPixelChannels(this.sampler.layout)]);
  }

  private latentsFrom(random: Random, count: number): tf.Tensor2D {
    const values = random.fillNormal(new Float32Array(count * this.config.latentSize));
    return tf.tensor2d(values, [count, this.config.latentSize]);
  }

  /** The fixed sample grid `[16, R, R, channels]`, generated in inference mode. */
  async generateSampleGrid(): Promise<Float32Array> {
    const output = tf.tidy(() => this.generator.forward(this.sampleLatents, false).output);
    const values = (await output.data()) as Float32Array;
    output.dispose();
    return values;
  }

  dispose(): void {
    this.sampleLatents.dispose();
    this.optimizerG.dispose();
    this.optimizerD.dispose();
    this.generator.dispose();
    this.discriminator.dispose();
  }
}

function keepTerms(terms: LossTerms): LossTerms {
  for (const term of Object.values(terms)) tf.keep(term);
  return terms;
}

/** Means of each term over its updates, plus the totals `Loss/D` and `Loss/G`. */
function summarizeTerms(termValues: Record<string, number[]>): Record<string, number> {
  const losses: Record<string, number> = {};
  let lossD = 0;
  let lossG = 0;
  for (const [name, values] of Object.entries(termValues)) {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    losses[`Loss/${name}`] = mean;
    if (name.startsWith('D/')) lossD += mean;
    else lossG += mean;
  }
  losses['Loss/D'] = lossD;
  losses['Loss/G'] = lossG;
  return losses;
}
