/**
 * PNG mosaics of slices with their masks overlaid in class colours, as the
 * lab shows them: generated joint samples for a run's progress picture, or
 * any list of slices.
 */

import { encode } from 'fast-png';

import { LabError } from '../core/errors';
import { renderSlice, type SlicePixels } from '../components/slice-render';
import { decodeJointSample, jointPixelChannels, type JointLayout } from '../ml/data/joint';

/**
 * Renders a batch of joint samples (`[N, side, side, imageChannels + numClasses]`,
 * masks by argmax) as an RGBA PNG, `columns` samples per row. Cells after the
 * last sample stay transparent.
 */
export function sampleGridPng(grid: Float32Array, layout: JointLayout, columns = 4): Uint8Array {
  const { side, imageChannels } = layout;
  const perSample = side * side * jointPixelChannels(layout);
  if (grid.length === 0 || grid.length % perSample !== 0) {
    throw new LabError('shape-mismatch', `the sample grid contains ${grid.length} values, not a whole number of ${side} x ${side} x ${jointPixelChannels(layout)} samples`, {
      field: 'grid',
      hint: 'Pass generator output in the joint layout [N, side, side, imageChannels + numClasses].',
    });
  }
  return mosaicPng(grid.length / perSample, side, columns, (i) => {
    const { image, classIds } = decodeJointSample(grid, layout, i);
    return renderSlice({ side, image, channels: imageChannels, classIds });
  });
}

/** Renders slices of one side as an RGBA PNG, `columns` per row, masks overlaid at opacity `overlay`. */
export function sliceGridPng(slices: readonly SlicePixels[], columns = 4, overlay?: number): Uint8Array {
  if (slices.length === 0) {
    throw new LabError('empty-dataset', 'there are no slices to put in the grid', { field: 'slices', hint: 'Pass at least one slice.' });
  }
  const side = slices[0].side;
  const odd = slices.findIndex((slice) => slice.side !== side);
  if (odd >= 0) {
    throw new LabError('shape-mismatch', `slice ${odd} has side ${slices[odd].side}, slice 0 has ${side}`, {
      field: 'slices',
      hint: 'Resize the slices to one side first.',
    });
  }
  return mosaicPng(slices.length, side, columns, (i) => renderSlice(slices[i], overlay));
}

/** Lays `count` RGBA tiles of `side` x `side` out in rows of at most `columns` and encodes them as PNG. */
function mosaicPng(count: number, side: number, columns: number, renderTile: (index: number) => Uint8ClampedArray): Uint8Array {
  if (!Number.isInteger(columns) || columns < 1) {
    throw new LabError('invalid-argument', `columns ${columns} is not a positive whole number`, { field: 'columns', hint: 'Give the tiles per row, for example 4.' });
  }
  const across = Math.min(columns, count);
  const rows = Math.ceil(count / across);
  const width = across * side;
  const mosaic = new Uint8Array(width * rows * side * 4);
  for (let i = 0; i < count; i++) {
    const rgba = renderTile(i);
    const top = Math.floor(i / across) * side;
    const left = (i % across) * side;
    for (let row = 0; row < side; row++) {
      mosaic.set(rgba.subarray(row * side * 4, (row + 1) * side * 4), ((top + row) * width + left) * 4);
    }
  }
  return encode({ width, height: rows * side, data: mosaic, channels: 4, depth: 8 });
}
