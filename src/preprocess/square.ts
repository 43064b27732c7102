/**
 * Centre padding or cropping of 2D slices to a square, before resizing.
 * With `pad` the side is max(width, height), and the slice sits at offset
 * floor((side - size) / 2) on each axis. With `crop` the side is
 * min(width, height), and the window starts at floor((size - side) / 2).
 * Images are padded with -1 (black after normalisation), masks with 0.
 */

export type SquareFit = 'pad' | 'crop';

export interface SquareWindow {
  side: number;
  /** Position of source column and row 0 in the square, negative when cropping. */
  offsetX: number;
  offsetY: number;
}

export function squareWindow(width: number, height: number, fit: SquareFit): SquareWindow {
  const side = fit === 'pad' ? Math.max(width, height) : Math.min(width, height);
  return {
    side,
    offsetX: fit === 'pad' ? Math.floor((side - width) / 2) : 0 - Math.floor((width - side) / 2),
    offsetY: fit === 'pad' ? Math.floor((side - height) / 2) : 0 - Math.floor((height - side) / 2),
  };
}

/** Copies a `[height, width, channels]` raster into its centred square, filling uncovered pixels. */
export function toSquare<T extends Float32Array | Uint8Array>(
  source: T,
  width: number,
  height: number,
  channels: number,
  fit: SquareFit,
  fill: number,
): T {
  const { side, offsetX, offsetY } = squareWindow(width, height, fit);
  if (side === width && side === height) return source;

  const target = (source instanceof Float32Array
    ? new Float32Array(side * side * channels)
    : new Uint8Array(side * side * channels)) as T;
  if (fill !== 0) target.fill(fill);

  // Copy the rows and columns of the source that fall inside the square.
  const x0 = Math.max(0, -offsetX);
  const x1 = Math.min(width, side - offsetX);
  for (let y = Math.max(0, -offsetY); y < Math.min(height, side - offsetY); y++) {
    const from = (y * width + x0) * channels;
    const to = ((y + offsetY) * side + x0 + offsetX) * channels;
    target.set(source.subarray(from, from + (x1 - x0) * channels), to);
  }
  return target;
}
