/**
 * Separable resampling of 2D slices with precomputed weights.
 *
 * Images use the triangle (bilinear) filter the way Pillow's
 * `Image.resize(..., BILINEAR)` and torchvision's `antialias=True` do: output
 * pixel i samples the input around centre c = (i + 0.5) s, with s = in / out.
 * When downscaling (s > 1) the kernel widens by s, w(x) = max(0, 1 - |x| / s),
 * so every input pixel contributes (anti-aliasing); when upscaling it is plain
 * bilinear, w(x) = max(0, 1 - |x|). Weights are normalised to sum to 1 over
 * the input pixels that exist, which clamps at the borders.
 *
 * Masks use nearest neighbour at pixel centres, source index
 * floor((i + 0.5) s), so they keep only labels that exist in the input.
 */

/** Taps of a 1D resampling: output i reads `count[i]` inputs from `start[i]`. */
export interface ResampleWeights {
  start: Int32Array;
  count: Int32Array;
  /** `taps` weights per output, the first `count[i]` of them used. */
  weights: Float64Array;
  taps: number;
}

/** Weights by input and output size; datasets of many image sizes evict the oldest. */
const cache = new Map<string, ResampleWeights>();
const CACHE_LIMIT = 64;

/** Triangle-filter weights for resizing `inSize` samples to `outSize`, computed once per pair of sizes. */
export function triangleWeights(inSize: number, outSize: number): ResampleWeights {
  const key = `${inSize}>${outSize}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // the triangle has support 1 before widening
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * taps);
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const first = Math.max(Math.trunc(center - support + 0.5), 0);
    const last = Math.min(Math.trunc(center + support + 0.5), inSize);
    let sum = 0;
    for (let x = first; x < last; x++) {
      const distance = Math.abs((x - center + 0.5) / filterScale);
      const weight = distance < 1 ? 1 - distance : 0;
      weights[i * taps + x - first] = weight;
      sum += weight;
    }
    if (sum !== 0) for (let x = 0; x < last - first; x++) weights[i * taps + x] /= sum;
    start[i] = first;
    count[i] = last - first;
  }

  const result = { start, count, weights, taps };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/**
 * Resizes an image `[height, width, channels]` (row-major, channel fastest)
 * with the anti-aliased triangle filter: rows first, then columns.
 */
export function resizeImage(
  source: Float32Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  const rows = width === outWidth ? source : resizeRows(source, width, height, channels, outWidth);
  return height === outHeight ? rows.slice() : resizeColumns(rows, outWidth, height, channels, outHeight);
}

function resizeRows(source: Float32Array, width: number, height: number, channels: number, outWidth: number): Float32Array {
  const { start, count, weights, taps } = triangleWeights(width, outWidth);
  const target = new Float32Array(outWidth * height * channels);
  const sums = new Float64Array(channels);
  for (let y = 0; y < height; y++) {
    const rowIn = y * width * channels;
    const rowOut = y * outWidth * channels;
    for (let x = 0; x < outWidth; x++) {
      const first = rowIn + start[x] * channels;
      const w0 = x * taps;
      const n = count[x];
      if (channels === 1) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += source[first + k] * weights[w0 + k];
        target[rowOut + x] = sum;
        continue;
      }
      if (channels === 3) {
        let red = 0;
        let green = 0;
        let blue = 0;
        for (let k = 0, pixel = first; k < n; k++, pixel += 3) {
          const weight = weights[w0 + k];
          red += source[pixel] * weight;
          green += source[pixel + 1] * weight;
          blue += source[pixel + 2] * weight;
        }
        target[rowOut + x * 3] = red;
        target[rowOut + x * 3 + 1] = green;
        target[rowOut + x * 3 + 2] = blue;
        continue;
      }
      // Other channel counts: accumulate all channels of each input pixel at once.
      sums.fill(0);
      for (let k = 0; k < n; k++) {
        const weight = weights[w0 + k];
        const pixel = first + k * channels;
        for (let c = 0; c < channels; c++) sums[c] += source[pixel + c] * weight;
      }
      for (let c = 0; c < channels; c++) target[rowOut + x * channels + c] = sums[c];
    }
  }
  return target;
}

function resizeColumns(source: Float32Array, width: number, height: number, channels: number, outHeight: number): Float32Array {
  const { start, count, weights, taps } = triangleWeights(height, outHeight);
  const rowLength = width * channels;
  const target = new Float32Array(outHeight * rowLength);
  for (let y = 0; y < outHeight; y++) {
    const rowOut = y * rowLength;
    const w0 = y * taps;
    for (let k = 0; k < count[y]; k++) {
      const weight = weights[w0 + k];
      const rowIn = (start[y] + k) * rowLength;
      for (let i = 0; i < rowLength; i++) target[rowOut + i] += source[rowIn + i] * weight;
    }
  }
  return target;
}

/** Resizes a label map `[height, width]` by nearest neighbour at pixel centres. */
export function resizeNearest(
  source: Uint8Array,
  width: number,
  height: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  const columns = nearestIndices(width, outWidth);
  const rows = nearestIndices(height, outHeight);
  const target = new Uint8Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const rowIn = rows[y] * width;
    for (let x = 0; x < outWidth; x++) target[y * outWidth + x] = source[rowIn + columns[x]];
  }
  return target;
}

function nearestIndices(inSize: number, outSize: number): Int32Array {
  const indices = new Int32Array(outSize);
  const scale = inSize / outSize;
  for (let i = 0; i < outSize; i++) indices[i] = Math.min(Math.floor((i + 0.5) * scale), inSize - 1);
  return indices;
}
