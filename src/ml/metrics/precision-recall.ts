/**
 * Improved precision and recall of a generative model (Kynkäänniemi, Karras,
 * Laine, Lehtinen and Aila, "Improved Precision and Recall Metric for
 * Assessing Generative Models", NeurIPS 2019).
 *
 * Each set's manifold is the union of balls around its samples, the radius
 * of sample x being the distance to its k-th nearest other sample of the
 * same set (k = 3 as in the paper). Then
 *   precision = share of generated samples inside at least one real ball
 *               (‖y - x‖ ≤ radius(x) for some real x): how realistic they are;
 *   recall    = share of real samples inside at least one generated ball
 *               (‖x - y‖ ≤ radius(y) for some generated y): how much of the
 *               real variety the generator covers.
 * Distances are Euclidean in feature space, in float64.
 *
 * Cost: (n_r²/2 + n_g²/2 + n_r n_g) · D multiply-adds in the product kernel.
 */

import { LabError } from '../../core/errors';
import { featureMean, requireSameDimension, validateFeatureSet, type FeatureSet } from './feature-set';
import { kthNeighbourSquaredDistances } from './nearest-neighbours';
import { forEachDistanceTile } from './pairwise';

export interface PrecisionRecallOptions {
  /** Neighbour whose distance sets each ball's radius; 3 by default. */
  k?: number;
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  k: number;
}

/** Computes k-NN precision and recall of `generated` against `real`; both must have more than k rows. */
export function precisionRecall(real: FeatureSet, generated: FeatureSet, options: PrecisionRecallOptions = {}): PrecisionRecall {
  const k = options.k ?? 3;
  validateInputs(real, generated, k);

  // One centre for both sets keeps distances exact under the shift (see pairwise.ts).
  const centre = featureMean(real);
  const realRadii = kthNeighbourSquaredDistances(real, k, centre);
  const generatedRadii = kthNeighbourSquaredDistances(generated, k, centre);

  const generatedInside = new Uint8Array(generated.count);
  const realInside = new Uint8Array(real.count);
  forEachDistanceTile(real, generated, centre, (tile) => {
    for (let i = 0; i < tile.rows; i++) {
      const r = tile.rowStart + i;
      const realRadius = realRadii[r];
      for (let j = 0; j < tile.columns; j++) {
        const g = tile.columnStart + j;
        const squared = tile.squared[i * tile.columns + j];
        if (squared <= realRadius) generatedInside[g] = 1;
        if (squared <= generatedRadii[g]) realInside[r] = 1;
      }
    }
  });
  return { precision: share(generatedInside), recall: share(realInside), k };
}

function share(flags: Uint8Array): number {
  let count = 0;
  for (const flag of flags) count += flag;
  return count / flags.length;
}

function validateInputs(real: FeatureSet, generated: FeatureSet, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new LabError('invalid-argument', `neighbour count k = ${k} must be a positive integer`, { field: 'k' });
  }
  validateFeatureSet(real, 'real features');
  validateFeatureSet(generated, 'generated features');
  requireSameDimension(real, 'real features', generated, 'generated features');
  for (const [set, name] of [[real, 'real'], [generated, 'generated']] as const) {
    if (set.count <= k) {
      throw new LabError('empty-dataset', `precision and recall with k = ${k} need more than ${k} ${name} samples, but there are ${set.count}`, {
        hint: 'Use more samples or a smaller k.',
      });
    }
  }
}
