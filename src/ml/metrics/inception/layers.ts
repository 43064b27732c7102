/**
 * The building blocks every Inception block shares: BasicConv2d (convolution
 * without bias, batch norm with eps 0.001, ReLU, with the batch norm folded
 * into the convolution at load), the pools, and the channel-width divisor.
 * Tensors are `[N, H, W, C]`.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../../core/errors';

/** One BasicConv2d as PyTorch declares it. */
export interface ConvSpec {
  /** state_dict prefix, such as `Mixed_5b.branch5x5_2`; the tensors are `<name>.conv.weight` and `<name>.bn.*`. */
  name: string;
  inChannels: number;
  outChannels: number;
  /** [rows, columns] */
  kernel: [number, number];
  stride: number;
  /** PyTorch zero padding [rows, columns]. */
  padding: [number, number];
}

/** A BasicConv2d with its batch norm folded in: `relu(conv(x, filter) + bias)`. */
export interface FoldedConv {
  /** [kernelRows, kernelColumns, in, out] */
  filter: tf.Tensor4D;
  bias: tf.Tensor1D;
}

/** Runs the BasicConv2d that `spec` names, with the loaded weights. */
export type RunConv = (x: tf.Tensor4D, spec: ConvSpec) => tf.Tensor4D;

/** Maps a full-width channel count to the reduced width. */
export type Width = (channels: number) => number;

/** Divisors that divide every channel count of the network (their GCD is 16). */
export const WIDTH_DIVISORS = [1, 2, 4, 8, 16] as const;

export function channelWidth(divisor: number): Width {
  if (!(WIDTH_DIVISORS as readonly number[]).includes(divisor)) {
    throw new LabError('invalid-argument', `the width divisor ${divisor} does not divide every channel count of Inception-v3`, {
      field: 'divisor',
      hint: `Use one of ${WIDTH_DIVISORS.join(', ')}; 1 is the network pytorch-fid uses.`,
    });
  }
  return (channels) => channels / divisor;
}

export interface ConvOptions {
  stride?: number;
  padding?: number | [number, number];
}

/** Declares a BasicConv2d; `kernel` is a size or [rows, columns]. */
export function convSpec(name: string, inChannels: number, outChannels: number, kernel: number | [number, number], options: ConvOptions = {}): ConvSpec {
  const pair = (value: number | [number, number]): [number, number] => (typeof value === 'number' ? [value, value] : value);
  return { name, inChannels, outChannels, kernel: pair(kernel), stride: options.stride ?? 1, padding: pair(options.padding ?? 0) };
}

/**
 * TensorFlow.js padding with the same output as the PyTorch padding. Every
 * convolution of this network is either unpadded ('valid') or has stride 1
 * and pads (k - 1) / 2 on each side, which 'same' does for odd kernels,
 * including the 1x7, 7x1, 1x3 and 3x1 ones.
 */
export function tfPadding(spec: ConvSpec): 'valid' | 'same' {
  const [padRows, padColumns] = spec.padding;
  if (padRows === 0 && padColumns === 0) return 'valid';
  const [rows, columns] = spec.kernel;
  if (spec.stride === 1 && rows % 2 === 1 && columns % 2 === 1 && padRows === (rows - 1) / 2 && padColumns === (columns - 1) / 2) return 'same';
  throw new LabError('internal', `${spec.name} pads [${spec.padding}] with kernel [${spec.kernel}] and stride ${spec.stride}, which neither 'valid' nor 'same' matches`);
}

export function basicConv(x: tf.Tensor4D, spec: ConvSpec, weights: FoldedConv): tf.Tensor4D {
  return tf.fused.conv2d({ x, filter: weights.filter, strides: spec.stride, pad: tfPadding(spec), bias: weights.bias, activation: 'relu' });
}

/**
 * avg_pool2d(3, stride 1, padding 1, count_include_pad=False): TensorFlow's
 * 'same' average pooling divides by the number of pixels inside the image,
 * as the CPU, WebGL and WebGPU kernels of TensorFlow.js 4.22 do.
 */
export function averagePool3x3(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, 3, 1, 'same');
}

/** max_pool2d(3, stride 2) without padding; PyTorch's floor rounding of the size equals 'valid'. */
export function maxPool3x3Stride2(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 3, 2, 'valid');
}

/** max_pool2d(3, stride 1, padding 1): PyTorch pads with -inf, so padding never wins, as in 'same'. */
export function maxPool3x3Same(x: tf.Tensor4D): tf.Tensor4D {
  return tf.maxPool(x, 3, 1, 'same');
}

/** Applies the convolutions one after another. */
export function chain(x: tf.Tensor4D, conv: RunConv, specs: ConvSpec[]): tf.Tensor4D {
  return specs.reduce((y, spec) => conv(y, spec), x);
}

/** Concatenates branch outputs along channels, in PyTorch's torch.cat order. */
export function concatChannels(branches: tf.Tensor4D[]): tf.Tensor4D {
  return tf.concat(branches, 3);
}

/** A stage of the network: its BasicConv2d layers in state_dict order and its forward pass. */
export interface Block {
  name: string;
  convs: ConvSpec[];
  outChannels: number;
  apply(x: tf.Tensor4D, conv: RunConv): tf.Tensor4D;
}
