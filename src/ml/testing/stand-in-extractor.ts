/** A tiny convolutional network with a `features` layer, standing in for a feature extractor in tests. */

import * as tf from '@tensorflow/tfjs';

export function standInExtractorModel(channels = 1, seed = 3): tf.LayersModel {
  const input = tf.input({ shape: [null, null, channels] as unknown as number[], name: 'image' });
  const conv1 = tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'conv1', kernelInitializer: tf.initializers.glorotNormal({ seed }) });
  const conv2 = tf.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', name: 'features', kernelInitializer: tf.initializers.glorotNormal({ seed: seed + 1 }) });
  const output = conv2.apply(conv1.apply(input)) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name: 'stand_in_extractor' });
}
