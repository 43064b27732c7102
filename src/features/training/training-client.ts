/**
 * The page side of training: creates runs, starts one worker per training
 * run, forwards pause/resume/stop, and mirrors the worker's events in the
 * store. Workers live in this module, never in the store.
 */

import { LabError, serializeError } from '../../core/errors';
import { createLogger } from '../../core/log';
import type { RunConfig } from '../../ml/training/config';
import type { BackendPreference } from '../../protocol/backend';
import { TRAINING_PROTOCOL_VERSION, type TrainingEvent, type TrainingRequest } from '../../protocol/training';
import { useLabStore } from '../../state/store';
import { requestLiveEvaluation } from '../metrics/metrics-client';
import type { DatasetRecord } from '../../storage/dataset-record';
import { openLabDatabase } from '../../storage/db';
import { getSampleGrid, listMetrics, listRuns, putRun } from '../../storage/runs';
import type { RunRecord } from '../../storage/schema';

const log = createLogger('features/training');

const workers = new Map<string, Worker>();

export async function refreshRuns(): Promise<void> {
  const db = await openLabDatabase();
  useLabStore.getState().setRuns(await listRuns(db));
}

export async function createRun(dataset: DatasetRecord, config: RunConfig, name: string): Promise<RunRecord> {
  const now = new Date().toISOString();
  const run: RunRecord = {
    id: `run-${crypto.randomUUID()}`,
    name,
    datasetId: dataset.id,
    datasetName: dataset.name,
    createdAt: now,
    updatedAt: now,
    config,
    status: 'created',
    step: 0,
    imagesSeen: 0,
    lastCheckpointStep: null,
  };
  await putRun(await openLabDatabase(), run);
  await refreshRuns();
  return run;
}

export function isTraining(runId: string): boolean {
  return workers.has(runId);
}

/** Starts a worker for the run, from step 0 or from its latest checkpoint. */
export function startTraining(runId: string, options: { resume: boolean; backend: BackendPreference }): void {
  if (workers.has(runId)) return;
  const worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), { type: 'module', name: `training ${runId}` });
  workers.set(runId, worker);
  useLabStore.getState().patchLive(runId, { status: 'loading', error: undefined, secondsLeft: null, requested: undefined });

  worker.onmessage = (message: MessageEvent<TrainingEvent>) => void handleEvent(message.data);
  worker.onerror = (event) => {
    const error = new LabError('worker-failed', `the training worker stopped: ${event.message}`, { hint: 'Resume the run from its last checkpoint.' });
    useLabStore.getState().patchLive(runId, { status: 'failed', error: serializeError(error) });
    release(runId);
  };
  worker.postMessage({ type: 'start', version: TRAINING_PROTOCOL_VERSION, runId, ...options } satisfies TrainingRequest);
  log.info('training worker started', { runId, ...options });
}

export function sendControl(runId: string, type: 'pause' | 'resume' | 'stop'): void {
  const worker = workers.get(runId);
  if (!worker) return;
  worker.postMessage({ type } satisfies TrainingRequest);
  useLabStore.getState().patchLive(runId, { requested: type === 'resume' ? undefined : type });
}

/** Loads a run's stored metric history and latest sample grid into the store. */
export async function loadRunHistory(runId: string): Promise<void> {
  const db = await openLabDatabase();
  const [metrics, samples] = await Promise.all([listMetrics(db, runId), getSampleGrid(db, runId)]);
  useLabStore.getState().patchLive(runId, {
    metrics,
    samples: samples ? { step: samples.step, grid: samples.grid } : null,
  });
}

async function handleEvent(event: TrainingEvent): Promise<void> {
  const store = useLabStore.getState();
  const { runId } = event;
  switch (event.type) {
    case 'backend':
      store.patchLive(runId, { backend: event.report });
      return;
    case 'status':
      store.patchLive(runId, { status: event.status, step: event.step, requested: undefined });
      if (event.status === 'stopped' || event.status === 'completed') release(runId);
      await refreshRuns();
      return;
    case 'progress': {
      const { step, totalSteps, imagesSeen, losses, stepsPerSecond, imagesPerSecond, secondsLeft } = event;
      store.appendMetric(runId, { runId, step, imagesSeen, losses, stepsPerSecond, imagesPerSecond, time: new Date().toISOString() });
      store.patchLive(runId, { step, totalSteps, stepsPerSecond, imagesPerSecond, secondsLeft });
      return;
    }
    case 'samples':
      store.patchLive(runId, { samples: { step: event.step, grid: event.grid } });
      return;
    case 'checkpoint':
      store.patchLive(runId, { lastCheckpointStep: event.step });
      await refreshRuns();
      return;
    case 'snapshot': {
      const run = store.runs.find((r) => r.id === runId);
      if (run) requestLiveEvaluation(run, event.step, event.generator);
      return;
    }
    case 'error':
      store.patchLive(runId, { status: 'failed', error: event.error });
      release(runId);
      await refreshRuns();
      return;
  }
}

function release(runId: string): void {
  workers.get(runId)?.terminate();
  workers.delete(runId);
}
