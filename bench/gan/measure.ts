/**
 * Training speed of one GAN configuration, measured two ways on the current
 * TensorFlow.js backend: through the lab's trainer (CPU batch sampling, joint
 * encoding, every loss term read back each step) and through a bare loop of
 * the same networks and losses on a batch that already sits on the device.
 * The gap is the lab's own overhead. Runs in Node and in the browser.
 */

import * as tf from '@tensorflow/tfjs';
import type { TrainingSet } from '../../src/ml/data/training-set';
import { ADVERSARIAL_LOSSES } from '../../src/ml/losses/adversarial';
import { gradientPenalty, interpolate } from '../../src/ml/losses/gradient-penalty';
import { buildDiscriminator } from '../../src/ml/models/discriminator';
import { buildGenerator } from '../../src/ml/models/generator';
import { jointChannels, type GanKind, type RunConfig } from '../../src/ml/training/config';
import { DEFAULT_RUN_CONFIG } from '../../src/ml/training/defaults';
import { createOptimizer } from '../../src/ml/training/optimizers';
import { applyPreset } from '../../src/ml/training/presets';
import { GanTrainer } from '../../src/ml/training/trainer';

export interface GanCase {
  gan: GanKind;
  resolution: number;
  batchSize: number;
  filters: number;
  warmupSteps: number;
  timedSteps: number;
}

export interface Speed {
  /** Real images shown to the discriminator per second. */
  imagesPerSecond: number;
  secondsPerStep: number;
}

export function caseConfig(bench: GanCase): RunConfig {
  const preset = applyPreset(DEFAULT_RUN_CONFIG, bench.gan);
  return {
    ...preset,
    resolution: bench.resolution,
    imageChannels: 1,
    numClasses: 4,
    batchSize: bench.batchSize,
    generator: { ...preset.generator, filters: bench.filters },
    discriminator: { ...preset.discriminator, filters: bench.filters },
  };
}

/** Random slices of the case's shape; speed does not depend on their content. */
export function syntheticSet(bench: GanCase, count = 64): TrainingSet {
  const pixels = bench.resolution * bench.resolution;
  const images = Float32Array.from({ length: count * pixels }, (_, i) => Math.sin(i * 12.9898) * 0.9);
  const classIds = Uint8Array.from({ length: count * pixels }, (_, i) => (i >> 5) % 4);
  return { count, side: bench.resolution, imageChannels: 1, numClasses: 4, images, classIds };
}

function speed(config: RunConfig, seconds: number[]): Speed {
  const secondsPerStep = seconds.reduce((a, b) => a + b, 0) / seconds.length;
  return { secondsPerStep, imagesPerSecond: (config.batchSize * config.criticSteps) / secondsPerStep };
}

export async function measureLab(bench: GanCase): Promise<Speed> {
  const config = caseConfig(bench);
  const trainer = new GanTrainer(config, syntheticSet(bench));
  for (let i = 0; i < bench.warmupSteps; i++) await trainer.trainStep();
  const seconds: number[] = [];
  for (let i = 0; i < bench.timedSteps; i++) {
    const started = performance.now();
    await trainer.trainStep();
    seconds.push((performance.now() - started) / 1000);
  }
  trainer.dispose();
  return speed(config, seconds);
}

export async function measureBare(bench: GanCase): Promise<Speed> {
  const config = caseConfig(bench);
  const generator = buildGenerator(config);
  const discriminator = buildDiscriminator(config);
  const optimizerG = createOptimizer(config, config.generator.learningRate);
  const optimizerD = createOptimizer(config, config.discriminator.learningRate);
  const loss = ADVERSARIAL_LOSSES[config.gan];
  const { batchSize: n, resolution: r, latentSize } = config;
  const real = tf.randomUniform([n, r, r, jointChannels(config)], -1, 1) as tf.Tensor4D;
  const critic = (x: tf.Tensor) => discriminator.forward(x, true).output;

  const step = async () => {
    for (let c = 0; c < config.criticSteps; c++) {
      const fake = tf.tidy(() => generator.forward(tf.randomNormal([n, latentSize]), true).output as tf.Tensor4D);
      optimizerD.minimize(() => {
        const terms = loss.discriminator(critic(real), critic(fake), 1);
        const total = tf.add(terms.real, terms.fake) as tf.Scalar;
        if (config.gan !== 'wgan-gp') return total;
        return tf.add(total, gradientPenalty(critic, interpolate(real, fake, tf.randomUniform([n]) as tf.Tensor1D), config.gradientPenalty)) as tf.Scalar;
      }, false, discriminator.trainableVariables);
      if (config.weightClip > 0) {
        tf.tidy(() => discriminator.trainableVariables.forEach((v) => v.assign(tf.clipByValue(v, -config.weightClip, config.weightClip))));
      }
      fake.dispose();
    }
    const cost = optimizerG.minimize(() => loss.generator(critic(generator.forward(tf.randomNormal([n, latentSize]), true).output)), true, generator.trainableVariables);
    await cost!.data();
    cost!.dispose();
  };

  for (let i = 0; i < bench.warmupSteps; i++) await step();
  const seconds: number[] = [];
  for (let i = 0; i < bench.timedSteps; i++) {
    const started = performance.now();
    await step();
    seconds.push((performance.now() - started) / 1000);
  }
  tf.dispose([real]);
  optimizerG.dispose();
  optimizerD.dispose();
  generator.dispose();
  discriminator.dispose();
  return speed(config, seconds);
}
