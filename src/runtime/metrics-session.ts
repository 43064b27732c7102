/**
 * The metrics worker's jobs: evaluating a generator (a live snapshot or a
 * stored checkpoint) against its dataset's reference statistics, which are
 * computed once per dataset and extractor and cached in IndexedDB; and
 * importing extractor weights into the model cache.
 */

import { serializeError } from '../core/errors';
import { createLogger } from '../core/log';
import { assembleTrainingSet } from '../ml/data/assemble';
import { evaluateGenerator, type EvaluationHooks } from '../ml/metrics/evaluate';
import type { FeatureExtractor } from '../ml/metrics/extractor';
import type { FidelityRecord } from '../ml/metrics/fidelity-record';
import { imagesOf, type ImageSet } from '../ml/metrics/images';
import { deserializeNetwork } from '../ml/training/checkpoint';
import type { EvaluationRequest, ImportExtractorRequest, MetricsEvent } from '../protocol/metrics';
import type { DatasetRecord } from '../storage/dataset-record';
import { getDataset, readSlices } from '../storage/datasets';
import { openLabDatabase, type LabDatabase } from '../storage/db';
import { putFidelity } from '../storage/fidelity';
import { getCheckpoint } from '../storage/runs';
import { selectBackend } from './backend';
import { buildExtractor, importExtractorModel } from './extractors';
import { cachedReference } from './reference-cache';

const log = createLogger('runtime/metrics');

type Post = (event: MetricsEvent) => void;

export async function runEvaluation(request: EvaluationRequest, signal: AbortSignal, post: Post): Promise<void> {
  const { jobId } = request;
  let extractor: FeatureExtractor | null = null;
  try {
    await selectBackend(request.backend);
    const db = await openLabDatabase();
    const dataset = await getDataset(db, request.datasetId);
    extractor = await buildExtractor(db, request.extractor);
    const hooks: EvaluationHooks = { signal, onProgress: (stage, done, total) => post({ type: 'progress', jobId, stage, done, total }) };

    const started = performance.now();
    const splits = await datasetImages(db, dataset, request.metrics.includes('memorization'));
    const reference = await cachedReference(db, dataset.id, extractor, splits.training, hooks);
    const evaluationStarted = performance.now();
    const generator = await deserializeNetwork(request.generator ?? (await getCheckpoint(db, request.runId, request.step)).generator);
    const result = await evaluateGenerator(
      { extractor, generator, config: request.config, samples: request.samples, metrics: request.metrics, reference, training: splits.training, test: splits.test },
      hooks,
    ).finally(() => generator.dispose());

    const record: FidelityRecord = {
      runId: request.runId,
      step: request.step,
      extractorId: extractor.info.id,
      extractor: extractor.info,
      mode: request.mode,
      reference: { datasetId: dataset.id, datasetName: dataset.name, split: 'train', count: reference.features.count },
      seconds: (performance.now() - evaluationStarted) / 1000,
      computedAt: new Date().toISOString(),
      ...result,
    };
    await putFidelity(db, record);
    log.info('evaluation done', { jobId, runId: request.runId, step: request.step, fid: result.fid?.value, seconds: (performance.now() - started) / 1000 });
    post({ type: 'result', jobId, record });
  } catch (error) {
    const aborted = signal.aborted;
    log.warn(aborted ? 'evaluation cancelled' : 'evaluation failed', { jobId, error: String(error) });
    post({ type: 'error', jobId, error: aborted ? { code: 'cancelled', message: 'cancelled', problem: 'cancelled' } : serializeError(error) });
  } finally {
    extractor?.dispose();
  }
}

async function datasetImages(db: LabDatabase, dataset: DatasetRecord, withTest: boolean): Promise<{ training: ImageSet; test?: ImageSet }> {
  const slices = await readSlices(db, dataset.id);
  const training = imagesOf(assembleTrainingSet(slices, dataset, 'train'));
  if (!withTest) return { training };
  return { training, test: imagesOf(assembleTrainingSet(slices, dataset, 'test')) };
}

export async function runImportExtractor(request: ImportExtractorRequest, post: Post): Promise<void> {
  try {
    await selectBackend('cpu');
    const model = await importExtractorModel(await openLabDatabase(), request.source, request.layer);
    log.info('extractor imported', { name: model.name, sha256: model.sha256, role: model.role });
    post({ type: 'imported', jobId: request.jobId, model });
  } catch (error) {
    post({ type: 'error', jobId: request.jobId, error: serializeError(error) });
  }
}
