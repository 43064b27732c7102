/**
 * Mixed_6b to Mixed_6e (pytorch-fid's FIDInceptionC) at 17 x 17: factorised
 * 7x7 branches (1x7 and 7x1 convolutions) and a pool branch whose average
 * pool excludes the padding (count_include_pad=False).
 */

import type * as tf from '@tensorflow/tfjs';
import { averagePool3x3, chain, concatChannels, convSpec, type Block, type Width } from './layers';

const ROW = { padding: [0, 3] as [number, number] };
const COLUMN = { padding: [3, 0] as [number, number] };

export function inceptionC(name: string, inChannels: number, channels7x7: number, width: Width): Block {
  const c7 = width(channels7x7);
  const convs = {
    branch1x1: convSpec(`${name}.branch1x1`, inChannels, width(192), 1),
    branch7x7_1: convSpec(`${name}.branch7x7_1`, inChannels, c7, 1),
    branch7x7_2: convSpec(`${name}.branch7x7_2`, c7, c7, [1, 7], ROW),
    branch7x7_3: convSpec(`${name}.branch7x7_3`, c7, width(192), [7, 1], COLUMN),
    branch7x7dbl_1: convSpec(`${name}.branch7x7dbl_1`, inChannels, c7, 1),
    branch7x7dbl_2: convSpec(`${name}.branch7x7dbl_2`, c7, c7, [7, 1], COLUMN),
    branch7x7dbl_3: convSpec(`${name}.branch7x7dbl_3`, c7, c7, [1, 7], ROW),
    branch7x7dbl_4: convSpec(`${name}.branch7x7dbl_4`, c7, c7, [7, 1], COLUMN),
    branch7x7dbl_5: convSpec(`${name}.branch7x7dbl_5`, c7, width(192), [1, 7], ROW),
    branch_pool: convSpec(`${name}.branch_pool`, inChannels, width(192), 1),
  };
  return {
    name,
    convs: Object.values(convs),
    outChannels: 4 * width(192),
    apply(x: tf.Tensor4D, conv) {
      const branch1x1 = conv(x, convs.branch1x1);
      const branch7x7 = chain(x, conv, [convs.branch7x7_1, convs.branch7x7_2, convs.branch7x7_3]);
      const branch7x7dbl = chain(x, conv, [
        convs.branch7x7dbl_1, convs.branch7x7dbl_2, convs.branch7x7dbl_3, convs.branch7x7dbl_4, convs.branch7x7dbl_5,
      ]);
      const branchPool = conv(averagePool3x3(x), convs.branch_pool);
      return concatChannels([branch1x1, branch7x7, branch7x7dbl, branchPool]);
    },
  };
}
