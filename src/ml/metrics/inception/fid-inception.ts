/**
 * The Inception-v3 feature network of pytorch-fid in TensorFlow.js: images
 * `[N, H, W, C]` in [-1, 1] with C = 1 or 3 in, 2048 pool3 features per
 * image out (2048 / divisor at reduced width).
 *
 * Preprocessing follows pytorch-fid: grayscale channels are repeated to RGB
 * and every image is resized to 299 x 299 with PyTorch's bilinear
 * interpolation (align_corners=False, no antialiasing). pytorch-fid then maps
 * [0, 1] to [-1, 1]; the lab's images are already in [-1, 1], so that step is
 * left out here and callers must not rescale either.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../../core/errors';
import { fidInceptionBlocks, fidInceptionWeightLayout } from './architecture';
import { basicConv, type Block, type ConvSpec, type FoldedConv } from './layers';
import { checkWeights, foldConv } from './loader';
import { resizeBilinear } from './resize';
import type { TorchTensor } from './torch-checkpoint';

export { PYTORCH_FID_SHA256_PREFIX, PYTORCH_FID_WEIGHT_LAYOUT, PYTORCH_FID_WEIGHTS_FILE, fidInceptionWeightLayout, type WeightLayoutEntry } from './architecture';

/** Side of the square input the network was trained on. */
export const INCEPTION_SIZE = 299;

export interface FidInceptionOptions {
  /** Divides every channel count; 1 (the default) is pytorch-fid's network, larger values serve tests. */
  divisor?: number;
  /** Name of the weights file, for error messages. */
  file?: string;
}

export class FidInception {
  /** Length of the feature vector: 2048 / divisor. */
  readonly featureSize: number;

  constructor(
    private readonly blocks: Block[],
    private readonly convs: Map<string, FoldedConv>,
  ) {
    this.featureSize = blocks[blocks.length - 1].outChannels;
  }

  /**
   * Maps images [N, H, W, C] in [-1, 1], C = 1 or 3, to pool3 features
   * [N, featureSize]. The caller disposes the result. Each block runs in its
   * own tidy, so only one block's input and activations are alive at a time.
   */
  features(images: tf.Tensor4D): tf.Tensor2D {
    checkImages(images);
    return tf.tidy(() => {
      let x = tf.tidy(() => toNetworkInput(images));
      for (const block of this.blocks) {
        const next = tf.tidy(() => block.apply(x, this.runConv));
        if (x !== images) x.dispose();
        x = next;
      }
      return tf.mean(x, [1, 2]) as tf.Tensor2D;
    });
  }

  /** Releases the weight tensors. */
  dispose(): void {
    for (const { filter, bias } of this.convs.values()) {
      filter.dispose();
      bias.dispose();
    }
    this.convs.clear();
  }

  private readonly runConv = (x: tf.Tensor4D, spec: ConvSpec): tf.Tensor4D => {
    const weights = this.convs.get(spec.name);
    if (!weights) throw new LabError('internal', `the Inception convolution ${spec.name} has no weights; the network may have been disposed`);
    return basicConv(x, spec, weights);
  };
}

/**
 * Builds the network from a PyTorch state_dict (such as readTorchCheckpoint
 * returns for pytorch-fid's pt_inception-2015-12-05-6726825d.pth). Checks
 * every name and shape before it creates any tensor.
 */
export function loadFidInception(weights: Map<string, TorchTensor>, options: FidInceptionOptions = {}): FidInception {
  const divisor = options.divisor ?? 1;
  const file = options.file ?? 'Inception weights';
  const blocks = fidInceptionBlocks(divisor);
  checkWeights(weights, fidInceptionWeightLayout(divisor), file);
  const convs = new Map<string, FoldedConv>();
  for (const spec of blocks.flatMap((block) => block.convs)) convs.set(spec.name, foldConv(spec, weights));
  return new FidInception(blocks, convs);
}

function checkImages(images: tf.Tensor): void {
  const [n, height, width, channels] = images.shape;
  if (images.rank !== 4 || (channels !== 1 && channels !== 3) || n < 1 || height < 1 || width < 1) {
    throw new LabError('invalid-argument', `Inception features need images [N, H, W, C] with C = 1 or 3; got shape [${images.shape}]`, { field: 'images' });
  }
  if (images.dtype !== 'float32') {
    throw new LabError('invalid-argument', `Inception features need float32 images in [-1, 1]; got ${images.dtype}`, { field: 'images' });
  }
}

/** [N, H, W, 1 or 3] -> [N, 299, 299, 3]; grayscale is resized first, as resizing commutes with repeating channels. */
function toNetworkInput(images: tf.Tensor4D): tf.Tensor4D {
  const resized = resizeBilinear(images, INCEPTION_SIZE, INCEPTION_SIZE);
  return resized.shape[3] === 1 ? tf.tile(resized, [1, 1, 1, 3]) : resized;
}
