/**
 * Mixed_5b, Mixed_5c and Mixed_5d (pytorch-fid's FIDInceptionA) at 35 x 35:
 * 1x1, 5x5 and double-3x3 branches and a pool branch whose average pool
 * excludes the padding (count_include_pad=False), as TensorFlow's graph does.
 */

import type * as tf from '@tensorflow/tfjs';
import { averagePool3x3, concatChannels, convSpec, type Block, type Width } from './layers';

export function inceptionA(name: string, inChannels: number, poolFeatures: number, width: Width): Block {
  const convs = {
    branch1x1: convSpec(`${name}.branch1x1`, inChannels, width(64), 1),
    branch5x5_1: convSpec(`${name}.branch5x5_1`, inChannels, width(48), 1),
    branch5x5_2: convSpec(`${name}.branch5x5_2`, width(48), width(64), 5, { padding: 2 }),
    branch3x3dbl_1: convSpec(`${name}.branch3x3dbl_1`, inChannels, width(64), 1),
    branch3x3dbl_2: convSpec(`${name}.branch3x3dbl_2`, width(64), width(96), 3, { padding: 1 }),
    branch3x3dbl_3: convSpec(`${name}.branch3x3dbl_3`, width(96), width(96), 3, { padding: 1 }),
    branch_pool: convSpec(`${name}.branch_pool`, inChannels, width(poolFeatures), 1),
  };
  return {
    name,
    convs: Object.values(convs),
    outChannels: width(64) + width(64) + width(96) + width(poolFeatures),
    apply(x: tf.Tensor4D, conv) {
      const branch1x1 = conv(x, convs.branch1x1);
      const branch5x5 = conv(conv(x, convs.branch5x5_1), convs.branch5x5_2);
      const branch3x3dbl = conv(conv(conv(x, convs.branch3x3dbl_1), convs.branch3x3dbl_2), convs.branch3x3dbl_3);
      const branchPool = conv(averagePool3x3(x), convs.branch_pool);
      return concatChannels([branch1x1, branch5x5, branch3x3dbl, branchPool]);
    },
  };
}
