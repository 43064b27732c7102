/**
 * Reference statistics of a dataset's training images through one feature
 * extractor: computed once, then read from IndexedDB, for live metrics,
 * on-demand metrics and experiments alike.
 */

import { computeReference, type EvaluationHooks, type Reference } from '../ml/metrics/evaluate';
import type { FeatureExtractor } from '../ml/metrics/extractor';
import type { ImageSet } from '../ml/metrics/images';
import type { LabDatabase } from '../storage/db';
import { getReference, putReference, referenceKey } from '../storage/fidelity';

export async function cachedReference(
  db: LabDatabase,
  datasetId: string,
  extractor: FeatureExtractor,
  training: ImageSet,
  hooks: EvaluationHooks,
): Promise<Reference> {
  const cached = await getReference(db, datasetId, extractor.info.id);
  if (cached && cached.count === training.count) {
    return {
      features: { count: cached.count, dimension: cached.dimension, values: cached.features },
      statistics: { dimension: cached.dimension, count: cached.count, mean: cached.mean, covariance: cached.covariance },
    };
  }
  const reference = await computeReference(extractor, training, hooks);
  await putReference(db, {
    key: referenceKey(datasetId, extractor.info.id),
    datasetId,
    extractorId: extractor.info.id,
    count: reference.features.count,
    dimension: reference.features.dimension,
    mean: reference.statistics.mean,
    covariance: reference.statistics.covariance,
    features: reference.features.values,
    computedAt: new Date().toISOString(),
  });
  return reference;
}
