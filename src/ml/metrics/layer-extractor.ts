/**
 * A feature extractor from any TensorFlow.js layers model and one of its
 * layers: images are given the model's channel count (grayscale repeated,
 * or RGB averaged to grey), resized when the model fixes its input size,
 * and the layer's output is global-average-pooled when it is a feature map.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';
import type { ExtractorInfo, FeatureExtractor } from './extractor';
import { resizeBilinear } from './inception/resize';

export interface LayerExtractorOptions {
  layer: string;
  name: string;
  weightsSha256: string;
}

export function layerExtractor(model: tf.LayersModel, options: LayerExtractorOptions): FeatureExtractor {
  const layer = findLayer(model, options.layer, options.name);
  const output = layer.output as tf.SymbolicTensor;
  const sub = tf.model({ inputs: model.inputs, outputs: output });
  const [, height, width, channels] = model.inputs[0].shape;
  const pooled = output.shape.length === 4;
  const dimension = (pooled ? output.shape[3] : output.shape.slice(1).reduce((a, b) => (a ?? 1) * (b ?? 1), 1)) as number;

  const info: ExtractorInfo = {
    id: `layer:${options.weightsSha256.slice(0, 16)}:${options.layer}`,
    name: `${options.name}, layer ${options.layer}`,
    weightsSha256: options.weightsSha256,
    layer: options.layer,
    dimension,
    recipe: [
      channels === 3 ? 'grayscale repeated to 3 channels' : 'colour averaged to 1 channel',
      typeof height === 'number' ? `bilinear resize to ${height} x ${width} (align_corners=False)` : 'native size',
      'values in [-1, 1]',
      pooled ? 'global average pooling' : 'flattened',
    ].join('; '),
  };

  return {
    info,
    extract: (images) =>
      tf.tidy(() => {
        let x = matchChannels(images, channels ?? images.shape[3]);
        if (typeof height === 'number' && typeof width === 'number' && (height !== x.shape[1] || width !== x.shape[2])) {
          x = resizeBilinear(x, height, width);
        }
        const features = sub.apply(x, { training: false }) as tf.Tensor;
        return (pooled ? tf.mean(features, [1, 2]) : tf.reshape(features, [features.shape[0], -1])) as tf.Tensor2D;
      }),
    dispose: () => sub.dispose(),
  };
}

function matchChannels(images: tf.Tensor4D, channels: number): tf.Tensor4D {
  const have = images.shape[3];
  if (have === channels) return images;
  if (have === 1 && channels === 3) return tf.tile(images, [1, 1, 1, 3]);
  if (have === 3 && channels === 1) return tf.mean(images, 3, true) as tf.Tensor4D;
  throw new LabError('invalid-argument', `images have ${have} channels but the extractor takes ${channels}`, {
    hint: 'Use an extractor made for grayscale or RGB images.',
  });
}

function findLayer(model: tf.LayersModel, name: string, modelName: string): tf.layers.Layer {
  try {
    return model.getLayer(name);
  } catch {
    const names = model.layers.map((l) => l.name);
    throw new LabError('not-found', `model ${modelName} has no layer named "${name}"`, {
      field: 'layer',
      hint: `Choose one of its layers: ${names.slice(-12).join(', ')}${names.length > 12 ? ', …' : ''}.`,
    });
  }
}
