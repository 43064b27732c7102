/**
 * Checks a PyTorch state_dict against the pytorch-fid Inception layout and
 * turns each BasicConv2d's tensors into one TensorFlow.js convolution:
 * the OIHW weight is transposed to HWIO and the inference batch norm is
 * folded in, scale = gamma / sqrt(running_var + 0.001),
 * filter' = filter · scale (per output channel), bias' = beta - running_mean · scale.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../../core/errors';
import { PYTORCH_FID_WEIGHTS_FILE, type WeightLayoutEntry } from './architecture';
import type { ConvSpec, FoldedConv } from './layers';
import type { TorchTensor } from './torch-checkpoint';

/** pytorch-fid's BatchNorm2d eps, from the TensorFlow graph. */
export const BATCH_NORM_EPSILON = 0.001;

const WEIGHTS_HINT = `Load ${PYTORCH_FID_WEIGHTS_FILE}, the state_dict pytorch-fid downloads, unchanged.`;

/** Rejects missing, misshapen, non-float and unexpected tensors, naming the first one found. */
export function checkWeights(weights: Map<string, TorchTensor>, layout: readonly WeightLayoutEntry[], file: string): void {
  for (const entry of layout) {
    const tensor = weights.get(entry.name);
    if (!tensor) {
      if (!entry.required) continue;
      throw new LabError('not-found', `the tensor ${entry.name} [${entry.shape}] of the pytorch-fid Inception is missing`, { file, hint: WEIGHTS_HINT });
    }
    if (!sameShape(tensor.shape, entry.shape)) {
      throw new LabError('shape-mismatch', `the tensor ${entry.name} has shape [${tensor.shape}], but the pytorch-fid Inception needs [${entry.shape}]`, { file, hint: WEIGHTS_HINT });
    }
    if (entry.required && !isFloat(tensor)) {
      throw new LabError('unsupported-datatype', `the tensor ${entry.name} is ${tensor.dtype}; expected a floating-point type`, { file, hint: WEIGHTS_HINT });
    }
  }
  const known = new Set(layout.map((entry) => entry.name));
  const unexpected = [...weights.keys()].filter((name) => !known.has(name));
  if (unexpected.length > 0) {
    const listed = unexpected.slice(0, 3).join(', ') + (unexpected.length > 3 ? `, ... (${unexpected.length} in all)` : '');
    throw new LabError('unsupported-format', `the checkpoint has tensors the pytorch-fid Inception does not: ${listed}`, { file, hint: WEIGHTS_HINT });
  }
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((size, axis) => size === b[axis]);
}

function isFloat(tensor: TorchTensor): boolean {
  return tensor.dtype === 'float32' || tensor.dtype === 'float64' || tensor.dtype === 'float16' || tensor.dtype === 'bfloat16';
}

/** Builds the folded HWIO filter and bias of one BasicConv2d from checked weights. */
export function foldConv(spec: ConvSpec, weights: Map<string, TorchTensor>): FoldedConv {
  const get = (suffix: string) => weights.get(`${spec.name}.${suffix}`)!.data as Float32Array | Float64Array;
  const weight = get('conv.weight');
  const gamma = get('bn.weight');
  const beta = get('bn.bias');
  const mean = get('bn.running_mean');
  const variance = get('bn.running_var');

  const { inChannels, outChannels } = spec;
  const [rows, columns] = spec.kernel;
  const filter = new Float32Array(weight.length);
  const bias = new Float32Array(outChannels);
  for (let o = 0; o < outChannels; o++) {
    const scale = gamma[o] / Math.sqrt(variance[o] + BATCH_NORM_EPSILON);
    bias[o] = beta[o] - mean[o] * scale;
    for (let i = 0; i < inChannels; i++) {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          // PyTorch [o, i, r, c] -> TensorFlow.js [r, c, i, o]
          const source = ((o * inChannels + i) * rows + r) * columns + c;
          const target = ((r * columns + c) * inChannels + i) * outChannels + o;
          filter[target] = weight[source] * scale;
        }
      }
    }
  }
  return {
    filter: tf.tensor4d(filter, [rows, columns, inChannels, outChannels]),
    bias: tf.tensor1d(bias),
  };
}
