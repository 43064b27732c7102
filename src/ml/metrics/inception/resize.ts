/**
 * Bilinear resizing as torch.nn.functional.interpolate(mode='bilinear',
 * align_corners=False) computes it without antialiasing, which is how
 * pytorch-fid brings images to 299 x 299. Written out as one interpolation
 * matrix per axis, so that no backend's resize convention is involved:
 * out = Ry · image · Rxᵀ, with Ry [outRows, inRows] and Rx [outColumns, inColumns].
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../../core/errors';

/**
 * Builds the [outSize, inSize] interpolation matrix, row-major. Output pixel i samples the source
 * at s = (i + 0.5) · in/out - 0.5, clamped below at 0, and mixes pixels
 * floor(s) and floor(s) + 1 (the last pixel twice at the edge) with weights
 * 1 - frac(s) and frac(s). The precision follows PyTorch 1.13's CPU kernel
 * for float32 images: in/out is rounded to float32, s is a double and the
 * weights are float32. That reproduces the weights interpolate() applies to
 * identity images to within 3e-8, where plain float32 or double arithmetic
 * is up to 2e-5 off for 301 -> 299.
 */
export function bilinearMatrix(inSize: number, outSize: number): Float32Array {
  checkSize(inSize, 'input');
  checkSize(outSize, 'output');
  const matrix = new Float32Array(outSize * inSize);
  const scale = Math.fround(inSize / outSize);
  for (let i = 0; i < outSize; i++) {
    const source = Math.max(0, scale * (i + 0.5) - 0.5);
    const lower = Math.min(Math.floor(source), inSize - 1);
    const upper = lower < inSize - 1 ? lower + 1 : lower;
    const upperWeight = Math.fround(source - lower);
    matrix[i * inSize + lower] += Math.fround(1 - upperWeight);
    matrix[i * inSize + upper] += upperWeight;
  }
  return matrix;
}

function checkSize(size: number, which: string): void {
  if (!Number.isInteger(size) || size < 1) {
    throw new LabError('invalid-argument', `the ${which} size of a bilinear resize is ${size}; expected a positive integer`, { field: `${which}Size` });
  }
}

/** Resizes [N, H, W, C] images to [N, height, width, C]; returns the input itself when the size already matches. */
export function resizeBilinear(images: tf.Tensor4D, height: number, width: number): tf.Tensor4D {
  const [n, inRows, inColumns, channels] = images.shape;
  if (inRows === height && inColumns === width) return images;
  return tf.tidy(() => {
    const rowMatrix = tf.tensor2d(bilinearMatrix(inRows, height), [height, inRows]);
    const columnMatrix = tf.tensor2d(bilinearMatrix(inColumns, width), [width, inColumns]);

    // Rows: [H, N·W·C] -> [height, N·W·C], with the row axis first.
    const byRow = tf.transpose(images, [1, 0, 2, 3]).reshape([inRows, n * inColumns * channels]);
    const rowsDone = tf.matMul(rowMatrix, byRow).reshape<tf.Tensor4D>([height, n, inColumns, channels]);

    // Columns: [W, height·N·C] -> [width, height·N·C], with the column axis first.
    const byColumn = tf.transpose(rowsDone, [2, 0, 1, 3]).reshape([inColumns, height * n * channels]);
    const columnsDone = tf.matMul(columnMatrix, byColumn).reshape<tf.Tensor4D>([width, height, n, channels]);
    return tf.transpose(columnsDone, [2, 1, 0, 3]);
  });
}
