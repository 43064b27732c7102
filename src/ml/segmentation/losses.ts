/**
 * Segmentation losses on softmax probabilities `p` and one-hot targets `t`,
 * both `[N, H, W, K]`. The U-Net trains on their sum, as in nnU-Net:
 *
 *   L = CE + (1 - mean soft Dice)
 */

import * as tf from '@tensorflow/tfjs';

/** Lower bound of probabilities inside the log, so that log(0) never occurs. */
export const LOG_EPSILON = 1e-7;

/** Smoothing term of the soft Dice, which keeps a class absent from both p and t at loss 0. */
export const DICE_SMOOTHING = 1;

/**
 * Categorical cross-entropy, mean over the N * H * W pixels:
 *
 *   CE = -1 / (N H W) * sum_{n,h,w} sum_k t log(clip(p, eps, 1))
 *
 * The clip bounds the loss at -log(eps) ~ 16.1 per pixel and its gradient
 * at 1 / eps where the network is certain and wrong.
 */
export function crossEntropy(probabilities: tf.Tensor4D, targets: tf.Tensor4D, epsilon = LOG_EPSILON): tf.Scalar {
  return tf.tidy(() => {
    const logP = tf.log(tf.clipByValue(probabilities, epsilon, 1));
    const perPixel = tf.neg(tf.sum(tf.mul(targets, logP), -1));
    return tf.mean(perPixel) as tf.Scalar;
  });
}

/**
 * Soft Dice loss, mean over the K classes, with sums over the whole batch
 * (N, H, W) per class:
 *
 *   D_k = (2 sum p_k t_k + eps) / (sum p_k + sum t_k + eps)
 *   L   = 1 / K * sum_k (1 - D_k)
 */
export function softDiceLoss(probabilities: tf.Tensor4D, targets: tf.Tensor4D, epsilon = DICE_SMOOTHING): tf.Scalar {
  return tf.tidy(() => {
    const axes = [0, 1, 2];
    const intersection = tf.sum(tf.mul(probabilities, targets), axes);
    const sizes = tf.add(tf.sum(probabilities, axes), tf.sum(targets, axes));
    const dice = tf.div(tf.add(tf.mul(intersection, 2), epsilon), tf.add(sizes, epsilon));
    return tf.mean(tf.sub(1, dice)) as tf.Scalar;
  });
}

/** Computes the training loss: cross-entropy plus soft Dice loss, equally weighted. */
export function segmentationLoss(probabilities: tf.Tensor4D, targets: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => tf.add(crossEntropy(probabilities, targets), softDiceLoss(probabilities, targets)) as tf.Scalar);
}

/** One-hot targets `[N, H, W, K]` from class ids `[N, H, W]`. */
export function oneHotTargets(classIds: Uint8Array, count: number, side: number, numClasses: number): tf.Tensor4D {
  return tf.tidy(() => {
    const ids = tf.tensor3d(Int32Array.from(classIds), [count, side, side], 'int32');
    return tf.cast(tf.oneHot(ids, numClasses), 'float32') as tf.Tensor4D;
  });
}
