/**
 * Batch and instance normalisation written from elementary ops, so that a
 * critic using them can be differentiated twice under a gradient penalty.
 *   batch:    statistics over [N, H, W] per channel; running mean and variance
 *             kept for inference with momentum 0.9 (PyTorch's momentum 0.1)
 *   instance: statistics over [H, W] per sample and channel (Ulyanov et al. 2016)
 * Both: y = gamma * (x - mean) / sqrt(var + 1e-5) + beta, variance biased.
 */

import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';

const EPSILON = 1e-5;
const MOMENTUM = 0.9;

export interface GanNormalizationArgs extends LayerArgs {
  mode: 'batch' | 'instance';
}

export class GanNormalization extends tf.layers.Layer {
  static readonly className = 'GanNormalization';
  readonly mode: 'batch' | 'instance';
  private gamma!: LayerVariable;
  private beta!: LayerVariable;
  private movingMean: LayerVariable | null = null;
  private movingVariance: LayerVariable | null = null;

  constructor(args: GanNormalizationArgs) {
    super(args);
    this.mode = args.mode;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    if (this.mode === 'batch') {
      this.movingMean = this.addWeight('moving_mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
      this.movingVariance = this.addWeight('moving_variance', [channels], 'float32', tf.initializers.ones(), undefined, false);
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const { mean, variance } = this.statistics(x, kwargs.training === true);
      const normalized = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, EPSILON)));
      return tf.add(tf.mul(normalized, this.gamma.read()), this.beta.read());
    });
  }

  private statistics(x: tf.Tensor, training: boolean): { mean: tf.Tensor; variance: tf.Tensor } {
    if (this.mode === 'instance') return moments(x, [1, 2]);
    if (!training) return { mean: this.movingMean!.read(), variance: this.movingVariance!.read() };

    const batch = moments(x, [0, 1, 2]);
    this.updateRunningStatistics(batch.mean, batch.variance);
    return batch;
  }

  private updateRunningStatistics(mean: tf.Tensor, variance: tf.Tensor): void {
    tf.tidy(() => {
      const blend = (running: LayerVariable, batch: tf.Tensor) =>
        running.write(tf.add(tf.mul(running.read(), MOMENTUM), tf.mul(tf.reshape(batch, [-1]), 1 - MOMENTUM)));
      blend(this.movingMean!, mean);
      blend(this.movingVariance!, variance);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

function moments(x: tf.Tensor, axes: number[]): { mean: tf.Tensor; variance: tf.Tensor } {
  const mean = tf.mean(x, axes, true);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), axes, true);
  return { mean, variance };
}

tf.serialization.registerClass(GanNormalization);
