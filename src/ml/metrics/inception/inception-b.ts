/**
 * Mixed_6a (torchvision's InceptionB, unchanged in pytorch-fid): reduces
 * 35 x 35 to 17 x 17 with stride-2 3x3 and double-3x3 branches and a
 * stride-2 max pool that passes the input channels through.
 */

import type * as tf from '@tensorflow/tfjs';
import { concatChannels, convSpec, maxPool3x3Stride2, type Block, type Width } from './layers';

export function inceptionB(name: string, inChannels: number, width: Width): Block {
  const convs = {
    branch3x3: convSpec(`${name}.branch3x3`, inChannels, width(384), 3, { stride: 2 }),
    branch3x3dbl_1: convSpec(`${name}.branch3x3dbl_1`, inChannels, width(64), 1),
    branch3x3dbl_2: convSpec(`${name}.branch3x3dbl_2`, width(64), width(96), 3, { padding: 1 }),
    branch3x3dbl_3: convSpec(`${name}.branch3x3dbl_3`, width(96), width(96), 3, { stride: 2 }),
  };
  return {
    name,
    convs: Object.values(convs),
    outChannels: width(384) + width(96) + inChannels,
    apply(x: tf.Tensor4D, conv) {
      const branch3x3 = conv(x, convs.branch3x3);
      const branch3x3dbl = conv(conv(conv(x, convs.branch3x3dbl_1), convs.branch3x3dbl_2), convs.branch3x3dbl_3);
      return concatChannels([branch3x3, branch3x3dbl, maxPool3x3Stride2(x)]);
    },
  };
}
