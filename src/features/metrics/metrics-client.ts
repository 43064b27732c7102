/**
 * The page side of the metrics worker: one worker, a queue of evaluations,
 * results mirrored in the store. Live evaluations never hold training up:
 * when a run's newer snapshot arrives while an older one still waits in the
 * queue, the older one is dropped.
 */

import { deserializeError, LabError, serializeError } from '../../core/errors';
import { createLogger } from '../../core/log';
import type { ExtractorRef } from '../../ml/metrics/fidelity-record';
import type { SerializedModel } from '../../ml/training/checkpoint-format';
import type { CachedModelSummary } from '../../ml/metrics/extractor-refs';
import { METRICS_PROTOCOL_VERSION, type EvaluationRequest, type MetricName, type MetricsEvent, type MetricsRequest } from '../../protocol/metrics';
import { useLabStore } from '../../state/store';
import { openLabDatabase } from '../../storage/db';
import { listFidelity } from '../../storage/fidelity';
import type { RunRecord } from '../../storage/schema';

const log = createLogger('features/metrics');

let worker: Worker | null = null;
let running: EvaluationRequest | null = null;
const queue: EvaluationRequest[] = [];

export const LIVE_METRICS: MetricName[] = ['fid', 'kid'];
export const ALL_METRICS: MetricName[] = ['fid', 'kid', 'precision-recall', 'memorization'];

export async function loadFidelity(runId: string): Promise<void> {
  useLabStore.getState().setFidelity(runId, await listFidelity(await openLabDatabase(), runId));
}

/** Queues a live evaluation of a generator snapshot, replacing an older one of the same run that has not started. */
export function requestLiveEvaluation(run: RunRecord, step: number, generator: SerializedModel): void {
  const { extractor, samples } = run.config.liveMetrics;
  if (!extractor) return;
  const stale = queue.findIndex((request) => request.runId === run.id && request.mode === 'live');
  if (stale >= 0) {
    const [dropped] = queue.splice(stale, 1);
    useLabStore.getState().patchEvaluation(dropped.jobId, { status: 'cancelled' });
  }
  enqueue(evaluation(run, step, 'live', extractor, samples, LIVE_METRICS, generator));
}

/** Queues a full evaluation of a stored checkpoint. */
export function requestEvaluation(run: RunRecord, step: number, extractor: ExtractorRef, samples: number, metrics: MetricName[]): string {
  const request = evaluation(run, step, 'on-demand', extractor, samples, metrics);
  enqueue(request);
  return request.jobId;
}

export function cancelEvaluation(jobId: string): void {
  const waiting = queue.findIndex((request) => request.jobId === jobId);
  if (waiting >= 0) {
    queue.splice(waiting, 1);
    useLabStore.getState().patchEvaluation(jobId, { status: 'cancelled' });
  } else if (running?.jobId === jobId) {
    worker?.postMessage({ type: 'cancel', jobId });
  }
}

function evaluation(
  run: RunRecord,
  step: number,
  mode: EvaluationRequest['mode'],
  extractor: ExtractorRef,
  samples: number,
  metrics: MetricName[],
  generator?: SerializedModel,
): EvaluationRequest {
  return {
    type: 'evaluate',
    version: METRICS_PROTOCOL_VERSION,
    jobId: crypto.randomUUID(),
    runId: run.id,
    step,
    mode,
    config: run.config,
    datasetId: run.datasetId,
    extractor,
    samples,
    metrics,
    generator,
    backend: 'auto',
  };
}

function enqueue(request: EvaluationRequest): void {
  queue.push(request);
  useLabStore.getState().addEvaluation({
    jobId: request.jobId,
    runId: request.runId,
    step: request.step,
    mode: request.mode,
    status: 'queued',
    stage: null,
    done: 0,
    total: 0,
    startedAt: performance.now(),
  });
  pump();
}

function pump(): void {
  if (running || queue.length === 0) return;
  running = queue.shift()!;
  worker ??= startWorker();
  useLabStore.getState().patchEvaluation(running.jobId, { status: 'running', startedAt: performance.now() });
  const transfer = running.generator ? [running.generator.weightData] : [];
  worker.postMessage(running, transfer);
  log.info('evaluation started', { jobId: running.jobId, runId: running.runId, step: running.step, mode: running.mode });
}

function startWorker(): Worker {
  const created = new Worker(new URL('../../../workers/metrics.worker.ts', import.meta.url), { type: 'module', name: 'metrics' });
  created.onmessage = (message: MessageEvent<MetricsEvent>) => handleEvent(message.data);
  created.onerror = (event) => {
    const error = new LabError('worker-failed', `the metrics worker stopped: ${event.message}`, { hint: 'Start the evaluation again.' });
    if (running) useLabStore.getState().patchEvaluation(running.jobId, { status: 'failed', error: serializeError(error) });
    created.terminate();
    worker = null;
    running = null;
    pump();
  };
  return created;
}

function handleEvent(event: MetricsEvent): void {
  const store = useLabStore.getState();
  switch (event.type) {
    case 'progress':
      store.patchEvaluation(event.jobId, { stage: event.stage, done: event.done, total: event.total });
      return;
    case 'result':
      store.addFidelity(event.record);
      finish(event.jobId, { status: 'done' });
      return;
    case 'error':
      finish(event.jobId, { status: event.error.code === 'cancelled' ? 'cancelled' : 'failed', error: event.error });
      return;
    case 'imported':
      return;
  }
}

function finish(jobId: string, change: { status: 'done' | 'failed' | 'cancelled'; error?: ReturnType<typeof serializeError> }): void {
  useLabStore.getState().patchEvaluation(jobId, change);
  if (running?.jobId === jobId) running = null;
  pump();
}

/**
 * Imports extractor weights in a worker of its own, so that a long
 * evaluation never delays it and a large file never blocks the page.
 */
export function importExtractor(source: { files: File[] } | { url: string }, layer?: string): Promise<CachedModelSummary> {
  return new Promise((resolve, reject) => {
    const importer = new Worker(new URL('../../../workers/metrics.worker.ts', import.meta.url), { type: 'module', name: 'extractor import' });
    const jobId = crypto.randomUUID();
    importer.onmessage = (message: MessageEvent<MetricsEvent>) => {
      const event = message.data;
      if (event.type === 'imported') resolve(event.model);
      else if (event.type === 'error') reject(deserializeError(event.error));
      else return;
      importer.terminate();
    };
    importer.onerror = (event) => {
      reject(new LabError('worker-failed', `the import worker stopped: ${event.message}`, { hint: 'Try the import again.' }));
      importer.terminate();
    };
    importer.postMessage({ type: 'import-extractor', version: METRICS_PROTOCOL_VERSION, jobId, source, layer } satisfies MetricsRequest);
  });
}
