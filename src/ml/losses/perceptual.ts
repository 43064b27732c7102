/**
 * The VGG perceptual term for unconditional GANs. Generated samples have no
 * paired target, so the term matches statistics instead of pairs: the mean
 * activation of each chosen VGG layer over a real batch and over a generated
 * batch,
 *   L_VGG = sum_l mean_j (E_real[phi_l,j(x)] - E_fake[phi_l,j(G(z))])^2
 * which is feature matching in the space of an ImageNet network.
 *
 * Inputs are the image channels in [-1, 1]; grayscale is repeated to three
 * channels and the values are prepared as Keras' VGG19 expects ("caffe"
 * mode): 0..255, RGB to BGR, ImageNet channel means subtracted.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';

/** Keras VGG19 layers used by perceptual losses: the last convolution of each block. */
export const VGG19_FEATURE_LAYERS = ['block1_conv2', 'block2_conv2', 'block3_conv4', 'block4_conv4', 'block5_conv4'];

/** ImageNet channel means in BGR order, on the 0..255 scale. */
const IMAGENET_MEAN_BGR = [103.939, 116.779, 123.68];

export class PerceptualNetwork {
  private readonly extractor: tf.LayersModel;
  readonly layerNames: string[];
  private readonly inputSide: number | null;

  constructor(model: tf.LayersModel) {
    this.layerNames = featureLayerNames(model);
    this.extractor = tf.model({ inputs: model.inputs, outputs: this.layerNames.map((name) => model.getLayer(name).output as tf.SymbolicTensor) });
    const side = model.inputs[0].shape[1];
    this.inputSide = typeof side === 'number' ? side : null;
  }

  /** Activations of each feature layer for images `[N, H, W, 1 or 3]` in [-1, 1]. */
  features(images: tf.Tensor4D): tf.Tensor[] {
    const prepared = this.prepare(images);
    const outputs = this.extractor.apply(prepared, { training: false });
    return Array.isArray(outputs) ? (outputs as tf.Tensor[]) : [outputs as tf.Tensor];
  }

  distance(real: tf.Tensor4D, fake: tf.Tensor4D): tf.Scalar {
    const realFeatures = this.features(real);
    const fakeFeatures = this.features(fake);
    const terms = realFeatures.map((r, i) => tf.mean(tf.square(tf.sub(tf.mean(r, 0), tf.mean(fakeFeatures[i], 0)))));
    return tf.addN(terms) as tf.Scalar;
  }

  private prepare(images: tf.Tensor4D): tf.Tensor4D {
    let rgb = images.shape[3] === 1 ? tf.tile(images, [1, 1, 1, 3]) : images;
    if (this.inputSide !== null && this.inputSide !== rgb.shape[1]) {
      rgb = tf.image.resizeBilinear(rgb as tf.Tensor4D, [this.inputSide, this.inputSide]);
    }
    const scaled = tf.mul(tf.add(rgb, 1), 127.5);
    const bgr = tf.reverse(scaled, 3);
    return tf.sub(bgr, tf.tensor1d(IMAGENET_MEAN_BGR)) as tf.Tensor4D;
  }

  dispose(): void {
    this.extractor.dispose();
  }
}

/** VGG-19's usual layers when the model has them; otherwise the last convolution of every block, or of the model. */
export function featureLayerNames(model: tf.LayersModel): string[] {
  const names = model.layers.map((layer) => layer.name);
  const vgg = VGG19_FEATURE_LAYERS.filter((name) => names.includes(name));
  if (vgg.length > 0) return vgg;

  const convolutions = model.layers.filter((layer) => layer.getClassName() === 'Conv2D').map((layer) => layer.name);
  if (convolutions.length === 0) {
    throw new LabError('invalid-argument', `the perceptual model "${model.name}" has no Conv2D layer to take features from`, {
      field: 'vggPerceptual',
      hint: 'Load a VGG-19 converted to a TensorFlow.js layers model (for example Keras VGG19 with include_top=False).',
    });
  }
  // Names like `stage2_conv3` group into blocks: keep the last convolution of each.
  const lastOfBlock = new Map<string, string>();
  for (const name of convolutions) {
    const block = /^(.*)_conv\d+$/.exec(name)?.[1];
    lastOfBlock.set(block ?? `#${lastOfBlock.size}`, name);
  }
  const grouped = [...lastOfBlock.values()];
  return grouped.length < convolutions.length ? grouped : [convolutions[convolutions.length - 1]];
}
