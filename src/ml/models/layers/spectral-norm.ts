/**
 * Spectral normalisation (Miyato et al. 2018): a weight is divided by an
 * estimate of its largest singular value, sigma = u^T W v, where u and v are
 * kept between steps and refined by one power iteration per training call:
 *   v <- normalize(W^T u),  u <- normalize(W v)
 * W is the kernel reshaped to a matrix whose rows are the output channels.
 * u and v are non-trainable weights, so they are saved in checkpoints, and
 * the optimizer sees sigma as a function of W alone (u, v held constant).
 */

import * as tf from '@tensorflow/tfjs';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';

const EPSILON = 1e-12;

/** How to turn a kernel into the [outputs, inputs] matrix whose norm is taken. */
export type KernelLayout = 'conv' | 'conv-transpose' | 'dense';

/**
 * Reshapes a kernel to [outputs, rest]. Layouts, as TensorFlow.js stores them:
 * conv [k, k, in, out], conv-transpose [k, k, out, in], dense [in, out].
 */
export function kernelMatrix(kernel: tf.Tensor, layout: KernelLayout): tf.Tensor2D {
  const shape = kernel.shape as number[];
  if (layout === 'conv-transpose') {
    return tf.reshape(tf.transpose(kernel, [2, 0, 1, 3]), [shape[2], -1]);
  }
  const columnsFirst = tf.reshape(kernel, [-1, shape[shape.length - 1]]);
  return tf.transpose(columnsFirst) as tf.Tensor2D;
}

function normalize(x: tf.Tensor): tf.Tensor {
  return tf.div(x, tf.add(tf.norm(x), EPSILON));
}

export interface PowerIterationState {
  /** Left singular vector estimate, [outputs, 1]. */
  u: LayerVariable;
  /** Right singular vector estimate, [rest, 1]. */
  v: LayerVariable;
}

/** One power iteration step, written into `state`; nothing is returned to the caller's tape. */
export function powerIterate(kernel: tf.Tensor, layout: KernelLayout, state: PowerIterationState): void {
  tf.tidy(() => {
    const matrix = kernelMatrix(kernel, layout);
    const v = normalize(tf.matMul(matrix, state.u.read(), true, false));
    const u = normalize(tf.matMul(matrix, v));
    state.v.write(v);
    state.u.write(u);
  });
}

/** sigma = u^T W v with the stored u and v. */
export function spectralNormEstimate(kernel: tf.Tensor, layout: KernelLayout, state: PowerIterationState): tf.Scalar {
  const matrix = kernelMatrix(kernel, layout);
  const wv = tf.matMul(matrix, state.v.read());
  return tf.sum(tf.mul(state.u.read(), wv));
}

/** W / sigma; with `training`, u and v first take one power iteration. */
export function spectrallyNormalized(
  kernel: tf.Tensor,
  layout: KernelLayout,
  state: PowerIterationState,
  training: boolean,
): tf.Tensor {
  if (training) powerIterate(kernel, layout, state);
  return tf.div(kernel, spectralNormEstimate(kernel, layout, state));
}

/** Shapes of u and v for a kernel of this layout. */
export function powerIterationShapes(kernelShape: number[], layout: KernelLayout): { u: number[]; v: number[] } {
  const outputs = layout === 'conv-transpose' ? kernelShape[2] : kernelShape[kernelShape.length - 1];
  const total = kernelShape.reduce((a, b) => a * b, 1);
  return { u: [outputs, 1], v: [total / outputs, 1] };
}
