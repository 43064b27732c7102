/**
 * Mixed_7b and Mixed_7c at 8 x 8: 1x1, split 3x3 (1x3 beside 3x1) and
 * double-3x3 branches and a pool branch. pytorch-fid's FIDInceptionE_1
 * (Mixed_7b) average-pools without counting the padding; FIDInceptionE_2
 * (Mixed_7c) max-pools instead, as the 2015 TensorFlow graph does.
 */

import type * as tf from '@tensorflow/tfjs';
import { averagePool3x3, concatChannels, convSpec, maxPool3x3Same, type Block, type Width } from './layers';

export type PoolBranch = 'average' | 'max';

export function inceptionE(name: string, inChannels: number, pool: PoolBranch, width: Width): Block {
  const convs = {
    branch1x1: convSpec(`${name}.branch1x1`, inChannels, width(320), 1),
    branch3x3_1: convSpec(`${name}.branch3x3_1`, inChannels, width(384), 1),
    branch3x3_2a: convSpec(`${name}.branch3x3_2a`, width(384), width(384), [1, 3], { padding: [0, 1] }),
    branch3x3_2b: convSpec(`${name}.branch3x3_2b`, width(384), width(384), [3, 1], { padding: [1, 0] }),
    branch3x3dbl_1: convSpec(`${name}.branch3x3dbl_1`, inChannels, width(448), 1),
    branch3x3dbl_2: convSpec(`${name}.branch3x3dbl_2`, width(448), width(384), 3, { padding: 1 }),
    branch3x3dbl_3a: convSpec(`${name}.branch3x3dbl_3a`, width(384), width(384), [1, 3], { padding: [0, 1] }),
    branch3x3dbl_3b: convSpec(`${name}.branch3x3dbl_3b`, width(384), width(384), [3, 1], { padding: [1, 0] }),
    branch_pool: convSpec(`${name}.branch_pool`, inChannels, width(192), 1),
  };
  return {
    name,
    convs: Object.values(convs),
    outChannels: width(320) + 4 * width(384) + width(192),
    apply(x: tf.Tensor4D, conv) {
      const branch1x1 = conv(x, convs.branch1x1);

      const split = conv(x, convs.branch3x3_1);
      const branch3x3 = concatChannels([conv(split, convs.branch3x3_2a), conv(split, convs.branch3x3_2b)]);

      const double = conv(conv(x, convs.branch3x3dbl_1), convs.branch3x3dbl_2);
      const branch3x3dbl = concatChannels([conv(double, convs.branch3x3dbl_3a), conv(double, convs.branch3x3dbl_3b)]);

      const pooled = pool === 'max' ? maxPool3x3Same(x) : averagePool3x3(x);
      const branchPool = conv(pooled, convs.branch_pool);
      return concatChannels([branch1x1, branch3x3, branch3x3dbl, branchPool]);
    },
  };
}
