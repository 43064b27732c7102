/**
 * A network is a chain of layers kept in a `tf.Sequential`, so that it saves
 * and loads as a standard TensorFlow.js layers model, but run layer by layer:
 * `LayersModel.apply` does not pass `training` to the layers inside it, and the
 * critic's features before the logit are needed for feature matching.
 */

import * as tf from '@tensorflow/tfjs';
import './layers';

/** Name of the layer whose output is the critic's feature vector. */
export const FEATURES_LAYER = 'features';

export interface ForwardResult {
  output: tf.Tensor;
  /** Output of the layer named `features`, when the network has one. */
  features: tf.Tensor | null;
}

export class Network {
  readonly model: tf.Sequential;

  constructor(model: tf.Sequential) {
    this.model = model;
  }

  /** Runs every layer in order; `training` switches batch statistics and power iterations on. */
  forward(input: tf.Tensor, training: boolean): ForwardResult {
    let x = input;
    let features: tf.Tensor | null = null;
    for (const layer of this.model.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      x = layer.apply(x, { training }) as tf.Tensor;
      if (layer.name.endsWith(FEATURES_LAYER)) features = x;
    }
    return { output: x, features };
  }

  /** Trainable weights as the optimizer takes them. */
  get trainableVariables(): tf.Variable[] {
    return this.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  }

  get parameterCount(): number {
    return this.model.countParams();
  }

  dispose(): void {
    this.model.dispose();
  }
}
