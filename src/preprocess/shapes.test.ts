import { describe, expect, it } from 'vitest';
import { LabError } from '../core/errors';
import type { Volume } from '../io/volume';
import { checkSameShape } from './shapes';
import { labErrorFrom } from '../testing/lab-error';

function volume(source: string, dims: [number, number, number], frames: number): Volume {
  const data = new Float32Array(dims[0] * dims[1] * dims[2] * frames);
  return { source, format: 'nifti-1', dims, frames, channels: 1, spacing: [1, 1, 1], dtype: 'float32', data };
}

function mismatch(image: Volume, mask: Volume): LabError {
  return labErrorFrom(() => checkSameShape(image, mask));
}

describe('checkSameShape', () => {
  it('accepts equal shapes', () => {
    expect(() => checkSameShape(volume('a.nii', [4, 5, 6], 2), volume('a_gt.nii', [4, 5, 6], 2))).not.toThrow();
  });

  it('names both files and shapes', () => {
    const error = mismatch(volume('a.nii', [4, 5, 6], 1), volume('a_gt.nii', [4, 5, 7], 1));
    expect(error.code).toBe('shape-mismatch');
    expect(error.file).toBe('a_gt.nii');
    expect(error.message).toBe(
      'a_gt.nii: mask shape 4x5x7 (1 frame) differs from the shape 4x5x6 (1 frame) of its image a.nii. ' +
        'A mask needs one label per image voxel (and per frame of a 4D series): check that the mask belongs to this image.',
    );
  });

  it('rejects a 3D mask of a 4D image', () => {
    const error = mismatch(volume('cine.nii', [4, 5, 6], 30), volume('cine_gt.nii', [4, 5, 6], 1));
    expect(error.message).toMatch(/mask shape 4x5x6 \(1 frame\) differs from the shape 4x5x6 \(30 frames\)/);
  });
});
