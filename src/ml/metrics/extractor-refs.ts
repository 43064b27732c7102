/** Cached models as the extractors they provide, for forms and run configurations. */

import type { ExtractorRef } from './fidelity-record';

/** Roles of cached models that provide features. */
export const INCEPTION_ROLE = 'inception';
export const EXTRACTOR_ROLE = 'extractor';

export interface CachedModelSummary {
  name: string;
  sha256: string;
  role: string;
  featureLayer?: string;
}

export function extractorRefOf(model: CachedModelSummary): ExtractorRef | null {
  if (model.role === INCEPTION_ROLE) return { kind: 'inception', sha256: model.sha256, name: model.name };
  if (model.role === EXTRACTOR_ROLE && model.featureLayer) return { kind: 'layer', sha256: model.sha256, name: model.name, layer: model.featureLayer };
  return null;
}

export function describeExtractorRef(ref: ExtractorRef): string {
  return ref.kind === 'inception' ? `Inception-v3 pool3 (${ref.name})` : `${ref.name}, layer ${ref.layer}`;
}

export function sameExtractor(a: ExtractorRef | null, b: ExtractorRef | null): boolean {
  return a?.sha256 === b?.sha256 && (a?.kind === 'layer' ? a.layer : '') === (b?.kind === 'layer' ? b.layer : '');
}
