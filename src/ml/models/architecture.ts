/**
 * The shared DCGAN-style backbone (Radford et al. 2016) that every GAN of the
 * lab trains, sized for the resolution: the generator starts at 4x4 and
 * doubles the side with each transposed convolution, the critic halves it
 * with each strided convolution down to 4x4. Channel widths follow DCGAN:
 * `filters` at full resolution, doubling at each halving, capped at 8x.
 */

export const BASE_SIDE = 4;
export const KERNEL_SIZE = 4;
export const MAX_WIDTH_MULTIPLIER = 8;

/** Number of stride-2 stages between 4x4 and the resolution. */
export function stageCount(resolution: number): number {
  const stages = Math.log2(resolution / BASE_SIDE);
  if (!Number.isInteger(stages) || stages < 1) {
    throw new RangeError(`resolution ${resolution} is not a power of two of at least 8`);
  }
  return stages;
}

/** Channels of the feature map whose side is `resolution / 2^depth`. */
export function widthAtDepth(filters: number, depth: number): number {
  return filters * Math.min(2 ** depth, MAX_WIDTH_MULTIPLIER);
}
