/**
 * Feature matching (Salimans et al. 2016): the generator also matches the
 * mean discriminator features of a real batch,
 *   L_FM = mean_j (E_real[f_j(x)] - E_fake[f_j(G(z))])^2
 * averaged over the feature dimensions j, so its scale does not grow with
 * the critic's width.
 */

import * as tf from '@tensorflow/tfjs';

export function featureMatchingDistance(realFeatures: tf.Tensor, fakeFeatures: tf.Tensor): tf.Scalar {
  return tf.mean(tf.square(tf.sub(tf.mean(realFeatures, 0), tf.mean(fakeFeatures, 0)))) as tf.Scalar;
}
