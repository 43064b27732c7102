/**
 * The joint image+mask encoding that unconditional GANs learn: per pixel,
 * the image channels in [-1, 1] followed by one channel per class, +1 for the
 * pixel's class and -1 for the others, so that every channel shares the
 * generator's tanh range. Generated masks decode by argmax over the class
 * channels. Layout `[N, H, W, imageChannels + numClasses]`.
 */

export interface JointLayout {
  side: number;
  imageChannels: number;
  numClasses: number;
}

export function jointPixelChannels(layout: JointLayout): number {
  return layout.imageChannels + layout.numClasses;
}

/** Writes one sample (image `[H, W, Ci]`, class ids `[H, W]`) at sample position `index` of `target`. */
export function encodeJointSample(
  image: Float32Array,
  classIds: Uint8Array,
  layout: JointLayout,
  target: Float32Array,
  index: number,
): void {
  const { side, imageChannels, numClasses } = layout;
  const channels = imageChannels + numClasses;
  const pixels = side * side;
  let out = index * pixels * channels;
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < imageChannels; c++) target[out + c] = image[p * imageChannels + c];
    for (let k = 0; k < numClasses; k++) target[out + imageChannels + k] = -1;
    target[out + imageChannels + classIds[p]] = 1;
    out += channels;
  }
}

export interface DecodedSample {
  /** `[H, W, imageChannels]` in [-1, 1]. */
  image: Float32Array;
  /** `[H, W]` class ids by argmax over the class channels. */
  classIds: Uint8Array;
}

/** Splits sample `index` of a joint batch into its image and its argmax label map. */
export function decodeJointSample(batch: Float32Array, layout: JointLayout, index: number): DecodedSample {
  const { side, imageChannels, numClasses } = layout;
  const channels = imageChannels + numClasses;
  const pixels = side * side;
  const image = new Float32Array(pixels * imageChannels);
  const classIds = new Uint8Array(pixels);
  let at = index * pixels * channels;
  for (let p = 0; p < pixels; p++) {
    for (let c = 0; c < imageChannels; c++) image[p * imageChannels + c] = batch[at + c];
    let best = 0;
    for (let k = 1; k < numClasses; k++) {
      if (batch[at + imageChannels + k] > batch[at + imageChannels + best]) best = k;
    }
    classIds[p] = best;
    at += channels;
  }
  return { image, classIds };
}
