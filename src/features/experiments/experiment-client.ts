/**
 * The page side of experiments: creating them, one worker per running
 * experiment, and their stored state mirrored in the store. An experiment
 * left running by a closed tab is marked interrupted at start-up and resumes
 * at its first unfinished item.
 */

import { deserializeError, LabError, serializeError } from '../../core/errors';
import { createLogger } from '../../core/log';
import { planItems, type CheckpointChoice, type ExperimentOptions, type ExperimentRecord } from '../../ml/experiments/experiment-record';
import type { TrainingSetKind } from '../../ml/experiments/experiment-table';
import type { BackendPreference } from '../../protocol/backend';
import { EXPERIMENT_PROTOCOL_VERSION, type ExperimentEvent, type ExperimentRequest, type ExportSyntheticRequest } from '../../protocol/experiment';
import { useLabStore } from '../../state/store';
import type { DatasetRecord } from '../../storage/dataset-record';
import { openLabDatabase } from '../../storage/db';
import { deleteExperiment, listExperiments, putExperiment } from '../../storage/experiments';

const log = createLogger('features/experiments');

const workers = new Map<string, Worker>();

export async function refreshExperiments(): Promise<void> {
  useLabStore.getState().setExperiments(await listExperiments(await openLabDatabase()));
}

export interface NewExperiment {
  name: string;
  dataset: DatasetRecord;
  sets: TrainingSetKind[];
  checkpoints: CheckpointChoice[];
  options: ExperimentOptions;
}

export async function queueExperiment(request: NewExperiment, backend: BackendPreference): Promise<ExperimentRecord> {
  if (request.sets.length === 0) {
    throw new LabError('invalid-config', 'no training set is chosen', { field: 'Training sets', hint: 'Tick at least one training set.' });
  }
  if (request.sets.some((set) => set === 'synthetic' || set === 'real+synthetic') && request.checkpoints.length === 0) {
    throw new LabError('invalid-config', 'synthetic training sets need at least one GAN checkpoint', {
      field: 'GAN checkpoints',
      hint: 'Tick a GAN run, or untick the synthetic training sets.',
    });
  }
  const now = new Date().toISOString();
  const experiment: ExperimentRecord = {
    id: `experiment-${crypto.randomUUID()}`,
    name: request.name,
    datasetId: request.dataset.id,
    datasetName: request.dataset.name,
    classNames: request.dataset.classes.slice(1).map((c) => c.name),
    createdAt: now,
    updatedAt: now,
    options: request.options,
    checkpoints: request.checkpoints,
    items: planItems(request.sets, request.checkpoints, request.options),
    status: 'queued',
  };
  await putExperiment(await openLabDatabase(), experiment);
  useLabStore.getState().putExperimentInState(experiment);
  runExperiment(experiment.id, backend);
  return experiment;
}

export function isExperimentRunning(experimentId: string): boolean {
  return workers.has(experimentId);
}

export function runExperiment(experimentId: string, backend: BackendPreference = 'auto'): void {
  if (workers.has(experimentId)) return;
  const worker = new Worker(new URL('../../../workers/experiment.worker.ts', import.meta.url), { type: 'module', name: `experiment ${experimentId}` });
  workers.set(experimentId, worker);
  worker.onmessage = (message: MessageEvent<ExperimentEvent>) => handleEvent(message.data);
  worker.onerror = (event) => {
    const error = new LabError('worker-failed', `the experiment worker stopped: ${event.message}`, { hint: 'Resume the experiment.' });
    useLabStore.getState().showNotice({ kind: 'error', message: error.message });
    log.error('experiment worker failed', { experimentId, error: serializeError(error) });
    release(experimentId);
    void refreshExperiments();
  };
  worker.postMessage({ type: 'run', version: EXPERIMENT_PROTOCOL_VERSION, experimentId, backend } satisfies ExperimentRequest);
}

export function cancelExperiment(experimentId: string): void {
  workers.get(experimentId)?.postMessage({ type: 'cancel', experimentId } satisfies ExperimentRequest);
}

export async function removeExperiment(experimentId: string): Promise<void> {
  cancelExperiment(experimentId);
  release(experimentId);
  await deleteExperiment(await openLabDatabase(), experimentId);
  await refreshExperiments();
}

function handleEvent(event: ExperimentEvent): void {
  const store = useLabStore.getState();
  switch (event.type) {
    case 'progress': {
      const previous = store.experimentProgress[event.experimentId];
      const sameStage = previous && previous.itemId === event.itemId && previous.stage === event.stage;
      store.setExperimentProgress(event.experimentId, { ...event, stageStartedAt: sameStage ? previous.stageStartedAt : performance.now() });
      return;
    }
    case 'updated':
      store.putExperimentInState(event.experiment);
      if (['done', 'failed', 'cancelled'].includes(event.experiment.status)) {
        store.setExperimentProgress(event.experiment.id, null);
        release(event.experiment.id);
      }
      return;
    case 'error':
      store.showNotice({ kind: 'error', message: `Experiment failed: ${event.error.message}` });
      store.setExperimentProgress(event.experimentId, null);
      release(event.experimentId);
      return;
    case 'export-progress':
    case 'exported':
      return;
  }
}

function release(experimentId: string): void {
  workers.get(experimentId)?.terminate();
  workers.delete(experimentId);
}

/** Zips a synthetic set in a worker of its own; resolves with the zip's chunks. */
export function exportSyntheticSet(
  experimentId: string,
  setId: string,
  options: ExportSyntheticRequest['options'],
  onProgress: (done: number, total: number) => void,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const exporter = new Worker(new URL('../../../workers/experiment.worker.ts', import.meta.url), { type: 'module', name: 'synthetic export' });
    exporter.onmessage = (message: MessageEvent<ExperimentEvent>) => {
      const event = message.data;
      if (event.type === 'export-progress') onProgress(event.done, event.total);
      else if (event.type === 'exported') resolve(event.chunks);
      else if (event.type === 'error') reject(deserializeError(event.error));
      if (event.type === 'exported' || event.type === 'error') exporter.terminate();
    };
    exporter.onerror = (event) => {
      reject(new LabError('worker-failed', `the export worker stopped: ${event.message}`, { hint: 'Try the export again.' }));
      exporter.terminate();
    };
    exporter.postMessage({ type: 'export-synthetic', version: EXPERIMENT_PROTOCOL_VERSION, experimentId, setId, options } satisfies ExperimentRequest);
  });
}
