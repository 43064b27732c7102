/**
 * Pairwise squared Euclidean distances between feature vectors, produced
 * tile by tile so that memory stays bounded for tens of thousands of rows.
 *
 * Gram trick: ‖x - y‖² = ‖x‖² + ‖y‖² - 2 x·y, with the dot products from the
 * product kernel in float64. The subtraction cancels when the distance is
 * much smaller than the norms. So both sets are first shifted by one common
 * centre (callers pass a set mean), which shrinks the norms without changing
 * any distance, and the results are clamped at 0. The remaining error is
 * about ε · ‖x‖² (ε = 2⁻⁵², norms after centring).
 */

import { rowsAsFloat64, type FeatureSet } from './feature-set';
import { addProductTransposed, block } from './linalg/matrix-product';

/** Rows per tile side: 256 rows of 2048 float64 features take 4 MiB. */
export const TILE_ROWS = 256;

export interface DistanceTile {
  /** Index of the tile's first row in the first set. */
  rowStart: number;
  /** Index of the tile's first column, a row of the second set. */
  columnStart: number;
  rows: number;
  columns: number;
  /** `[rows, columns]` row-major squared distances, stride `columns`. */
  squared: Float64Array;
}

/**
 * Calls `visit` with every tile of squared distances between the rows of
 * `first` and those of `second`, both shifted by `centre`. With `second`
 * omitted the distances are within `first`, and only tiles with
 * columnStart ≥ rowStart are visited (tiles on the diagonal are complete and
 * contain the zero distance of each row to itself).
 */
export function forEachDistanceTile(
  first: FeatureSet,
  second: FeatureSet | undefined,
  centre: Float64Array,
  visit: (tile: DistanceTile) => void,
): void {
  const other = second ?? first;
  const d = first.dimension;
  const firstNorms = squaredNorms(first, centre);
  const otherNorms = second ? squaredNorms(second, centre) : firstNorms;
  const rowsBlock = new Float64Array(TILE_ROWS * d);
  const columnsBlock = new Float64Array(TILE_ROWS * d);
  const squared = new Float64Array(TILE_ROWS * TILE_ROWS);

  for (let rowStart = 0; rowStart < first.count; rowStart += TILE_ROWS) {
    const rows = Math.min(TILE_ROWS, first.count - rowStart);
    rowsAsFloat64(first, rowStart, rowStart + rows, centre, rowsBlock);
    for (let columnStart = second ? 0 : rowStart; columnStart < other.count; columnStart += TILE_ROWS) {
      const columns = Math.min(TILE_ROWS, other.count - columnStart);
      rowsAsFloat64(other, columnStart, columnStart + columns, centre, columnsBlock);

      // squared[i, j] = ‖x_i‖² + ‖y_j‖² - 2 x_i·y_j, clamped at 0.
      squared.fill(0, 0, rows * columns);
      addProductTransposed(block(rowsBlock, d), block(columnsBlock, d), block(squared, columns), rows, columns, d, -2);
      for (let i = 0; i < rows; i++) {
        const rowNorm = firstNorms[rowStart + i];
        for (let j = 0; j < columns; j++) {
          const index = i * columns + j;
          squared[index] = Math.max(0, squared[index] + rowNorm + otherNorms[columnStart + j]);
        }
      }
      visit({ rowStart, columnStart, rows, columns, squared });
    }
  }
}

/** ‖x - centre‖² of every row, in float64. */
export function squaredNorms(set: FeatureSet, centre: Float64Array): Float64Array {
  const { count, dimension, values } = set;
  const norms = new Float64Array(count);
  for (let row = 0; row < count; row++) {
    let sum = 0;
    for (let d = 0; d < dimension; d++) {
      const value = values[row * dimension + d] - centre[d];
      sum += value * value;
    }
    norms[row] = sum;
  }
  return norms;
}

/** ‖x_a - y_b‖ from the differences themselves, for final distances that must not carry the Gram trick's rounding. */
export function exactDistance(x: FeatureSet, a: number, y: FeatureSet, b: number): number {
  const d = x.dimension;
  let sum = 0;
  for (let i = 0; i < d; i++) {
    const difference = x.values[a * d + i] - y.values[b * d + i];
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}
