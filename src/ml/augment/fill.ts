/**
 * What a joint image+mask sample holds where augmentation uncovers pixels:
 * black (-1) in the image channels and the background class in the mask
 * channels (+1 for class 0, -1 for the others).
 */

import type { JointLayout } from '../data/joint';

export function backgroundPixel(layout: Pick<JointLayout, 'imageChannels' | 'numClasses'>): Float32Array {
  const pixel = new Float32Array(layout.imageChannels + layout.numClasses).fill(-1);
  pixel[layout.imageChannels] = 1;
  return pixel;
}
