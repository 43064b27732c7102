/**
 * The convolution of both networks: 4x4 kernels, stride 2 to halve (critic)
 * or double (generator, transposed) the resolution, optional spectral
 * normalisation, and weights initialised by `initialWeights`.
 * Tensors are `[N, H, W, C]`.
 */

import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import { initialWeights, type WeightInit } from './initializer';
import {
  powerIterationShapes,
  spectrallyNormalized,
  type KernelLayout,
  type PowerIterationState,
} from './spectral-norm';

export interface GanConv2DArgs extends LayerArgs {
  filters: number;
  kernelSize: number;
  strides: number;
  padding: 'same' | 'valid';
  /** Transposed convolution (upsampling by `strides`). */
  transpose: boolean;
  spectralNorm: boolean;
  init: WeightInit;
}

export class GanConv2D extends tf.layers.Layer {
  static readonly className = 'GanConv2D';
  private readonly options: GanConv2DArgs;
  private kernel!: LayerVariable;
  private bias!: LayerVariable;
  private powerIteration: PowerIterationState | null = null;

  constructor(args: GanConv2DArgs) {
    super(args);
    this.options = args;
  }

  private get layout(): KernelLayout {
    return this.options.transpose ? 'conv-transpose' : 'conv';
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inChannels = shape[shape.length - 1] as number;
    const { filters, kernelSize: k, transpose, init } = this.options;
    const kernelShape = transpose ? [k, k, filters, inChannels] : [k, k, inChannels, filters];
    const fans = { fanIn: k * k * inChannels, fanOut: k * k * filters };

    this.kernel = this.addWeight('kernel', kernelShape, 'float32', tf.initializers.zeros());
    this.kernel.write(tf.tidy(() => initialWeights(kernelShape, init, fans)));
    this.bias = this.addWeight('bias', [filters], 'float32', tf.initializers.zeros());

    if (this.options.spectralNorm) this.powerIteration = this.addPowerIteration(kernelShape, init.seed);
    this.built = true;
  }

  private addPowerIteration(kernelShape: number[], seed: number): PowerIterationState {
    const shapes = powerIterationShapes(kernelShape, this.layout);
    const u = this.addWeight('sn_u', shapes.u, 'float32', tf.initializers.zeros(), undefined, false);
    const v = this.addWeight('sn_v', shapes.v, 'float32', tf.initializers.zeros(), undefined, false);
    u.write(tf.tidy(() => unitVector(shapes.u, seed + 1)));
    v.write(tf.tidy(() => unitVector(shapes.v, seed + 2)));
    return { u, v };
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const { strides, kernelSize, padding, transpose, filters } = this.options;
    return [n, outputSide(h, strides, kernelSize, padding, transpose), outputSide(w, strides, kernelSize, padding, transpose), filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const kernel = this.effectiveKernel(kwargs.training === true) as tf.Tensor4D;
      const { strides, padding, filters, kernelSize, transpose } = this.options;
      let y: tf.Tensor4D;
      if (transpose) {
        const [n, h, w] = x.shape;
        const outShape: [number, number, number, number] = [
          n,
          outputSide(h, strides, kernelSize, padding, true) as number,
          outputSide(w, strides, kernelSize, padding, true) as number,
          filters,
        ];
        y = tf.conv2dTranspose(x, kernel, outShape, strides, padding);
      } else {
        y = tf.conv2d(x, kernel, strides, padding);
      }
      return tf.add(y, this.bias.read());
    });
  }

  private effectiveKernel(training: boolean): tf.Tensor {
    const kernel = this.kernel.read();
    if (!this.powerIteration) return kernel;
    return spectrallyNormalized(kernel, this.layout, this.powerIteration, training);
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, padding, transpose, spectralNorm, init } = this.options;
    return { ...super.getConfig(), filters, kernelSize, strides, padding, transpose, spectralNorm, init: { ...init } };
  }
}

function outputSide(
  side: number | null,
  strides: number,
  kernelSize: number,
  padding: 'same' | 'valid',
  transpose: boolean,
): number | null {
  if (side === null) return null;
  if (transpose) return padding === 'same' ? side * strides : (side - 1) * strides + kernelSize;
  return padding === 'same' ? Math.ceil(side / strides) : Math.floor((side - kernelSize) / strides) + 1;
}

export function unitVector(shape: number[], seed: number): tf.Tensor {
  const x = tf.randomNormal(shape, 0, 1, 'float32', seed);
  return tf.div(x, tf.norm(x));
}

tf.serialization.registerClass(GanConv2D);
