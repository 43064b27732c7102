/**
 * KID kernel sums of all subsets from one pass over the Gram matrices of the
 * samples that any subset uses: (n_r²/2 + n_g²/2 + n_r n_g) D multiply-adds
 * in total instead of 2 m² D per subset. With 100 subsets of 1000 out of
 * 5000 samples, every pair lies in 4 subsets on average, so this is about
 * four times cheaper than summing per subset.
 *
 * The Gram matrices are never stored whole: each tile of dot products is
 * turned into kernel values and added to the sums of the subsets that
 * contain both samples of a pair, found through a membership table.
 */

import type { FeatureSet } from './feature-set';
import { gatherRows, polynomialKernel, type KernelSums } from './kid-kernel';
import type { KidSubsets } from './kid-subsets';
import { addProductTransposed, block } from './linalg/matrix-product';
import { TILE_ROWS } from './pairwise';

/** Subset membership of the samples that at least one subset uses. */
interface Membership {
  /** Sample indices used by some subset, ascending; a sample's position here is its "position". */
  used: Int32Array;
  /** `[subsets, used.length]`: 1 where the subset contains the sample at that position. */
  member: Uint8Array;
  /** The subsets containing position p are subsetsOf[offsets[p]] .. subsetsOf[offsets[p + 1] - 1]. */
  offsets: Int32Array;
  subsetsOf: Int32Array;
}

interface GramTile {
  rowStart: number;
  columnStart: number;
  rows: number;
  columns: number;
  /** `[rows, columns]` dot products, stride `columns`. */
  dots: Float64Array;
}

export function sharedGramKernelSums(real: FeatureSet, generated: FeatureSet, draw: KidSubsets): KernelSums[] {
  const subsets = draw.real.length;
  const d = real.dimension;
  const realMembers = membershipOf(draw.real, real.count);
  const generatedMembers = membershipOf(draw.generated, generated.count);
  const realPairs = new Float64Array(subsets);
  const generatedPairs = new Float64Array(subsets);
  const cross = new Float64Array(subsets);
  const kernelRow = new Float64Array(TILE_ROWS);

  forEachGramTile(real, realMembers.used, real, realMembers.used, true, (tile) =>
    accumulateTile(tile, d, realMembers, realMembers, realPairs, true, kernelRow),
  );
  forEachGramTile(generated, generatedMembers.used, generated, generatedMembers.used, true, (tile) =>
    accumulateTile(tile, d, generatedMembers, generatedMembers, generatedPairs, true, kernelRow),
  );
  forEachGramTile(real, realMembers.used, generated, generatedMembers.used, false, (tile) =>
    accumulateTile(tile, d, realMembers, generatedMembers, cross, false, kernelRow),
  );
  return Array.from({ length: subsets }, (_, s) => ({
    realPairs: realPairs[s],
    generatedPairs: generatedPairs[s],
    cross: cross[s],
  }));
}

/**
 * Adds a tile's kernel values to the sums of the subsets that contain both
 * samples. Per tile row: the kernel values of one sample against the tile's
 * columns (only columns after it with `pairsOnly`), then one masked sum for
 * each subset of that sample.
 */
function accumulateTile(
  tile: GramTile,
  dimension: number,
  rows: Membership,
  columns: Membership,
  sums: Float64Array,
  pairsOnly: boolean,
  kernelRow: Float64Array,
): void {
  const width = columns.used.length;
  for (let i = 0; i < tile.rows; i++) {
    const position = tile.rowStart + i;
    for (let j = 0; j < tile.columns; j++) {
      const before = pairsOnly && tile.columnStart + j <= position;
      kernelRow[j] = before ? 0 : polynomialKernel(tile.dots[i * tile.columns + j], dimension);
    }
    for (let k = rows.offsets[position]; k < rows.offsets[position + 1]; k++) {
      const s = rows.subsetsOf[k];
      const mask = s * width + tile.columnStart;
      let sum = 0;
      for (let j = 0; j < tile.columns; j++) sum += columns.member[mask + j] * kernelRow[j];
      sums[s] += sum;
    }
  }
}

function membershipOf(lists: Int32Array[], count: number): Membership {
  const position = new Int32Array(count).fill(-1);
  for (const list of lists) for (const index of list) position[index] = 0;
  const usedList: number[] = [];
  for (let index = 0; index < count; index++) {
    if (position[index] === 0) {
      position[index] = usedList.length;
      usedList.push(index);
    }
  }
  const used = Int32Array.from(usedList);

  const member = new Uint8Array(lists.length * used.length);
  const offsets = new Int32Array(used.length + 1);
  lists.forEach((list, s) => {
    for (const index of list) {
      member[s * used.length + position[index]] = 1;
      offsets[position[index] + 1]++;
    }
  });
  for (let p = 0; p < used.length; p++) offsets[p + 1] += offsets[p];
  const subsetsOf = new Int32Array(offsets[used.length]);
  const filled = offsets.slice(0, used.length);
  lists.forEach((list, s) => {
    for (const index of list) subsetsOf[filled[position[index]]++] = s;
  });
  return { used, member, offsets, subsetsOf };
}

/**
 * Calls `visit` with every tile of dot products between the rows `firstRows`
 * of `first` and the rows `secondRows` of `second`, indexed by position in
 * those lists. With `upper`, the two must be the same and only tiles with
 * columnStart ≥ rowStart are visited.
 */
function forEachGramTile(
  first: FeatureSet,
  firstRows: Int32Array,
  second: FeatureSet,
  secondRows: Int32Array,
  upper: boolean,
  visit: (tile: GramTile) => void,
): void {
  const d = first.dimension;
  const rowsBlock = new Float64Array(TILE_ROWS * d);
  const columnsBlock = new Float64Array(TILE_ROWS * d);
  const dots = new Float64Array(TILE_ROWS * TILE_ROWS);
  for (let rowStart = 0; rowStart < firstRows.length; rowStart += TILE_ROWS) {
    const rows = Math.min(TILE_ROWS, firstRows.length - rowStart);
    gatherRows(first, firstRows.subarray(rowStart, rowStart + rows), rowsBlock);
    for (let columnStart = upper ? rowStart : 0; columnStart < secondRows.length; columnStart += TILE_ROWS) {
      const columns = Math.min(TILE_ROWS, secondRows.length - columnStart);
      gatherRows(second, secondRows.subarray(columnStart, columnStart + columns), columnsBlock);
      dots.fill(0, 0, rows * columns);
      addProductTransposed(block(rowsBlock, d), block(columnsBlock, d), block(dots, columns), rows, columns, d);
      visit({ rowStart, columnStart, rows, columns, dots });
    }
  }
}
