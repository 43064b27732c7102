/**
 * Fully connected layer with optional spectral normalisation: the generator's
 * projection of the latent vector and the critic's final logit. `[N, in] -> [N, units]`.
 */

import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import { unitVector } from './conv';
import { initialWeights, type WeightInit } from './initializer';
import { powerIterationShapes, spectrallyNormalized, type PowerIterationState } from './spectral-norm';

export interface GanDenseArgs extends LayerArgs {
  units: number;
  spectralNorm: boolean;
  init: WeightInit;
}

export class GanDense extends tf.layers.Layer {
  static readonly className = 'GanDense';
  private readonly options: GanDenseArgs;
  private kernel!: LayerVariable;
  private bias!: LayerVariable;
  private powerIteration: PowerIterationState | null = null;

  constructor(args: GanDenseArgs) {
    super(args);
    this.options = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputs = shape[shape.length - 1] as number;
    const { units, init } = this.options;
    const kernelShape = [inputs, units];

    this.kernel = this.addWeight('kernel', kernelShape, 'float32', tf.initializers.zeros());
    this.kernel.write(tf.tidy(() => initialWeights(kernelShape, init, { fanIn: inputs, fanOut: units })));
    this.bias = this.addWeight('bias', [units], 'float32', tf.initializers.zeros());

    if (this.options.spectralNorm) {
      const shapes = powerIterationShapes(kernelShape, 'dense');
      const u = this.addWeight('sn_u', shapes.u, 'float32', tf.initializers.zeros(), undefined, false);
      const v = this.addWeight('sn_v', shapes.v, 'float32', tf.initializers.zeros(), undefined, false);
      u.write(tf.tidy(() => unitVector(shapes.u, init.seed + 1)));
      v.write(tf.tidy(() => unitVector(shapes.v, init.seed + 2)));
      this.powerIteration = { u, v };
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.options.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      let kernel = this.kernel.read();
      if (this.powerIteration) {
        kernel = spectrallyNormalized(kernel, 'dense', this.powerIteration, kwargs.training === true);
      }
      return tf.add(tf.matMul(x, kernel as tf.Tensor2D), this.bias.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { units, spectralNorm, init } = this.options;
    return { ...super.getConfig(), units, spectralNorm, init: { ...init } };
  }
}

tf.serialization.registerClass(GanDense);
