/**
 * Nearest-neighbour searches over feature vectors by exhaustive tiled
 * distances (see pairwise.ts): the k-th nearest neighbour radius that defines
 * the k-NN manifolds of precision and recall, and the nearest training
 * sample that memorisation checks measure.
 */

import type { FeatureSet } from './feature-set';
import { forEachDistanceTile } from './pairwise';

/**
 * Returns, for every row, the squared distance to its k-th nearest other row
 * of the same set (k ≥ 1). Duplicated rows count as neighbours at distance 0.
 */
export function kthNeighbourSquaredDistances(set: FeatureSet, k: number, centre: Float64Array): Float64Array {
  // nearest[i * k .. i * k + k) contains the k smallest distances seen for row i, ascending.
  const nearest = new Float64Array(set.count * k).fill(Infinity);
  forEachDistanceTile(set, undefined, centre, (tile) => {
    for (let i = 0; i < tile.rows; i++) {
      const row = tile.rowStart + i;
      for (let j = 0; j < tile.columns; j++) {
        const column = tile.columnStart + j;
        if (column <= row) continue;
        const squared = tile.squared[i * tile.columns + j];
        insertSorted(nearest, row * k, k, squared);
        insertSorted(nearest, column * k, k, squared);
      }
    }
  });
  const radii = new Float64Array(set.count);
  for (let row = 0; row < set.count; row++) radii[row] = nearest[row * k + k - 1];
  return radii;
}

/** Inserts `value` into the ascending run list[start, start + k) if it is smaller than the largest entry. */
function insertSorted(list: Float64Array, start: number, k: number, value: number): void {
  let position = start + k - 1;
  if (!(value < list[position])) return;
  while (position > start && list[position - 1] > value) {
    list[position] = list[position - 1];
    position--;
  }
  list[position] = value;
}

export interface NearestRows {
  /** For every query row, the index of its nearest reference row (the lowest index among ties). */
  index: Int32Array;
  /** The squared distance to that row, by the Gram trick. */
  squared: Float64Array;
}

/** Finds the nearest row of `reference` for every row of `query`. */
export function nearestRows(query: FeatureSet, reference: FeatureSet, centre: Float64Array): NearestRows {
  const index = new Int32Array(query.count).fill(-1);
  const squared = new Float64Array(query.count).fill(Infinity);
  forEachDistanceTile(query, reference, centre, (tile) => {
    for (let i = 0; i < tile.rows; i++) {
      const row = tile.rowStart + i;
      for (let j = 0; j < tile.columns; j++) {
        const value = tile.squared[i * tile.columns + j];
        if (value < squared[row]) {
          squared[row] = value;
          index[row] = tile.columnStart + j;
        }
      }
    }
  });
  return { index, squared };
}
