/**
 * The stem, from the 299 x 299 x 3 input to 35 x 35 x 192 (at full width):
 * five BasicConv2d layers and two 3x3 stride-2 max pools.
 */

import type * as tf from '@tensorflow/tfjs';
import { convSpec, maxPool3x3Stride2, type Block, type Width } from './layers';

export function stem(width: Width): Block {
  const convs = {
    conv1a: convSpec('Conv2d_1a_3x3', 3, width(32), 3, { stride: 2 }),
    conv2a: convSpec('Conv2d_2a_3x3', width(32), width(32), 3),
    conv2b: convSpec('Conv2d_2b_3x3', width(32), width(64), 3, { padding: 1 }),
    conv3b: convSpec('Conv2d_3b_1x1', width(64), width(80), 1),
    conv4a: convSpec('Conv2d_4a_3x3', width(80), width(192), 3),
  };
  return {
    name: 'stem',
    convs: Object.values(convs),
    outChannels: width(192),
    apply(x: tf.Tensor4D, conv) {
      // 299 -> 149 -> 147 -> 147 -> 73
      let y = conv(conv(conv(x, convs.conv1a), convs.conv2a), convs.conv2b);
      y = maxPool3x3Stride2(y);
      // 73 -> 73 -> 71 -> 35
      y = conv(conv(y, convs.conv3b), convs.conv4a);
      return maxPool3x3Stride2(y);
    },
  };
}
