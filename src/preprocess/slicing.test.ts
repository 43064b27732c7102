import { describe, expect, it } from 'vitest';
import { sliceVolume, type SliceSource } from './slicing';

/** Builds a 4 x 2 x 3 volume with 2 frames. Voxel number v has image value v / 100 and label v % 3. */
function source(): SliceSource {
  const [width, height, depth, frames] = [4, 2, 3, 2];
  const count = width * height * depth * frames;
  const image = new Float32Array(count);
  const labels = new Uint8Array(count);
  for (let v = 0; v < count; v++) {
    image[v] = v / 100;
    labels[v] = v % 3;
  }
  return {
    pairId: 'cine.nii.gz',
    subject: 'p1',
    dims: [width, height, depth],
    frames,
    image: { data: image, channels: 1, modality: 'mri', ranges: [[0, 1]] },
    labels,
  };
}

describe('sliceVolume', () => {
  it('indexes frames after slices', () => {
    const slices = sliceVolume(source(), { size: 32, fit: 'crop', dropEmptySlices: false });
    expect(slices.map((slice) => slice.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slices.every((slice) => slice.pairId === 'cine.nii.gz' && slice.subject === 'p1')).toBe(true);
  });

  it('crops and resizes each slice', () => {
    // Slice 4 (frame 1, z 1) starts at voxel 32; cropping 4 x 2 to 2 x 2 keeps
    // columns 1 and 2, values 33, 34, 37, 38. Upscaling 2 -> 32 by nearest
    // neighbour repeats each label over a 16 x 16 block.
    const slice = sliceVolume(source(), { size: 32, fit: 'crop', dropEmptySlices: false })[4];
    expect(slice.labels[0]).toBe(33 % 3);
    expect(slice.labels[31]).toBe(34 % 3);
    expect(slice.labels[31 * 32]).toBe(37 % 3);
    expect(slice.labels[32 * 32 - 1]).toBe(38 % 3);
    // Bilinear upscaling keeps the corner pixels' values.
    expect(slice.image[0]).toBeCloseTo(0.33, 6);
    expect(slice.image[32 * 32 - 1]).toBeCloseTo(0.38, 6);
  });

  it('pads images with -1 and masks with 0', () => {
    // 4 x 2 padded to 4 x 4 with one empty row above and below; 4 -> 32 repeats rows 8 times.
    const slice = sliceVolume(source(), { size: 32, fit: 'pad', dropEmptySlices: false })[0];
    expect(slice.image[0]).toBe(-1);
    expect(slice.labels[0]).toBe(0);
    expect(slice.labels[31 * 32]).toBe(0);
    expect(slice.labels[8 * 32 + 8]).toBe(1 % 3);
  });

  it('drops slices without foreground', () => {
    const empty = source();
    empty.labels.fill(0, 8, 16);
    const slices = sliceVolume(empty, { size: 32, fit: 'pad', dropEmptySlices: true });
    expect(slices.map((slice) => slice.index)).toEqual([0, 2, 3, 4, 5]);
  });
});
