/** A small VGG-shaped network with Keras VGG19 layer names, standing in for the real weights in tests. */

import * as tf from '@tensorflow/tfjs';

export function standInVgg(seed = 1): tf.LayersModel {
  const input = tf.input({ shape: [null, null, 3] as unknown as number[], name: 'input_1' });
  let x: tf.SymbolicTensor = input;
  const conv = (filters: number, name: string) =>
    tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', name, kernelInitializer: tf.initializers.glorotNormal({ seed: seed + name.length }) });
  x = conv(4, 'block1_conv1').apply(x) as tf.SymbolicTensor;
  x = conv(4, 'block1_conv2').apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2, name: 'block1_pool' }).apply(x) as tf.SymbolicTensor;
  x = conv(6, 'block2_conv1').apply(x) as tf.SymbolicTensor;
  x = conv(6, 'block2_conv2').apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: x, name: 'stand_in_vgg19' });
}
