/**
 * Mixed_7a (torchvision's InceptionD, unchanged in pytorch-fid): reduces
 * 17 x 17 to 8 x 8 with a 3x3 branch, a 1x7-7x1-3x3 branch and a stride-2
 * max pool that passes the input channels through.
 */

import type * as tf from '@tensorflow/tfjs';
import { chain, concatChannels, convSpec, maxPool3x3Stride2, type Block, type Width } from './layers';

export function inceptionD(name: string, inChannels: number, width: Width): Block {
  const convs = {
    branch3x3_1: convSpec(`${name}.branch3x3_1`, inChannels, width(192), 1),
    branch3x3_2: convSpec(`${name}.branch3x3_2`, width(192), width(320), 3, { stride: 2 }),
    branch7x7x3_1: convSpec(`${name}.branch7x7x3_1`, inChannels, width(192), 1),
    branch7x7x3_2: convSpec(`${name}.branch7x7x3_2`, width(192), width(192), [1, 7], { padding: [0, 3] }),
    branch7x7x3_3: convSpec(`${name}.branch7x7x3_3`, width(192), width(192), [7, 1], { padding: [3, 0] }),
    branch7x7x3_4: convSpec(`${name}.branch7x7x3_4`, width(192), width(192), 3, { stride: 2 }),
  };
  return {
    name,
    convs: Object.values(convs),
    outChannels: width(320) + width(192) + inChannels,
    apply(x: tf.Tensor4D, conv) {
      const branch3x3 = chain(x, conv, [convs.branch3x3_1, convs.branch3x3_2]);
      const branch7x7x3 = chain(x, conv, [convs.branch7x7x3_1, convs.branch7x7x3_2, convs.branch7x7x3_3, convs.branch7x7x3_4]);
      return concatChannels([branch3x3, branch7x7x3, maxPool3x3Stride2(x)]);
    },
  };
}
