/** Checks that a mask has one label per voxel of its image. */

import { LabError } from '../core/errors';
import type { Volume } from '../io/volume';

export function checkSameShape(image: Volume, mask: Volume): void {
  const sameDims = image.dims.every((size, axis) => size === mask.dims[axis]);
  if (sameDims && image.frames === mask.frames) return;
  throw new LabError(
    'shape-mismatch',
    `mask shape ${describeShape(mask)} differs from the shape ${describeShape(image)} of its image ${image.source}`,
    {
      file: mask.source,
      hint: 'A mask needs one label per image voxel (and per frame of a 4D series): check that the mask belongs to this image.',
    },
  );
}

function describeShape(volume: Volume): string {
  const [x, y, z] = volume.dims;
  const frames = volume.frames === 1 ? '1 frame' : `${volume.frames} frames`;
  return `${x}x${y}x${z} (${frames})`;
}
