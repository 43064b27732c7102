/** Listing and adding feature extractors from the page. */

import { EXTRACTOR_ROLE, INCEPTION_ROLE, type CachedModelSummary } from '../../ml/metrics/extractor-refs';
import { useLabStore } from '../../state/store';
import { openLabDatabase } from '../../storage/db';
import { listModels } from '../../storage/models';
import { importExtractor } from './metrics-client';

export async function refreshExtractors(): Promise<void> {
  const db = await openLabDatabase();
  const models = [...(await listModels(db, INCEPTION_ROLE)), ...(await listModels(db, EXTRACTOR_ROLE))];
  const summaries: CachedModelSummary[] = models.map(({ name, sha256, role, featureLayer }) => ({ name, sha256, role, featureLayer }));
  useLabStore.getState().setExtractors(summaries);
}

export async function addExtractor(source: { files: File[] } | { url: string }, layer?: string): Promise<CachedModelSummary> {
  const model = await importExtractor(source, layer);
  await refreshExtractors();
  return model;
}
