/**
 * An experiment inside the experiment worker: works through its pending
 * items in order, storing each result as it finishes, so a reload resumes at
 * the first unfinished item. The experiment's Web Lock is held meanwhile.
 * NOTE: an item interrupted mid-way restarts from its beginning; U-Net
 * checkpoints inside an item are not kept.
 */

import { LabError, serializeError } from '../core/errors';
import { createLogger } from '../core/log';
import type { ExperimentItem, ExperimentRecord } from '../ml/experiments/experiment-record';
import type { ExperimentEvent, ExperimentRequest, ExperimentStage } from '../protocol/experiment';
import { getDataset } from '../storage/datasets';
import { openLabDatabase, type LabDatabase } from '../storage/db';
import { getExperiment, putExperiment } from '../storage/experiments';
import { selectBackend } from './backend';
import { loadExperimentData, runFidelityItem, runUnetItem, type ItemContext } from './experiment-items';
import { experimentLockName } from './run-lock';

const log = createLogger('runtime/experiment');

type RunRequest = Extract<ExperimentRequest, { type: 'run' }>;
export type PostExperimentEvent = (event: ExperimentEvent) => void;

export async function runExperimentSession(request: RunRequest, signal: AbortSignal, post: PostExperimentEvent): Promise<void> {
  await navigator.locks.request(experimentLockName(request.experimentId), async () => {
    const db = await openLabDatabase();
    let experiment = await getExperiment(db, request.experimentId);
    const save = async (change: Partial<ExperimentRecord>) => {
      experiment = { ...experiment, ...change, updatedAt: new Date().toISOString() };
      await putExperiment(db, experiment);
      post({ type: 'updated', experiment });
    };
    try {
      await selectBackend(request.backend);
      await save({ status: 'running', error: undefined });
      await runPendingItems(db, () => experiment, save, signal, post);
      const failed = experiment.items.some((item) => item.status === 'failed');
      await save({ status: failed ? 'failed' : 'done' });
      log.info('experiment finished', { id: experiment.id, failed });
    } catch (error) {
      const cancelled = signal.aborted;
      const items = experiment.items.map((item) => (item.status === 'running' ? { ...item, status: 'pending' as const } : item));
      log.warn(cancelled ? 'experiment cancelled' : 'experiment failed', { id: experiment.id, error: String(error) });
      await save({ items, status: cancelled ? 'cancelled' : 'failed', error: cancelled ? undefined : serializeError(error) }).catch(() => undefined);
      if (!cancelled) post({ type: 'error', experimentId: experiment.id, error: serializeError(error) });
    }
  });
}

async function runPendingItems(
  db: LabDatabase,
  current: () => ExperimentRecord,
  save: (change: Partial<ExperimentRecord>) => Promise<void>,
  signal: AbortSignal,
  post: PostExperimentEvent,
): Promise<void> {
  const start = current();
  const dataset = await getDataset(db, start.datasetId);
  const data = await loadExperimentData(db, dataset);
  const setItem = (id: string, change: Partial<ExperimentItem>) => save({ items: current().items.map((item) => (item.id === id ? { ...item, ...change } : item)) });

  for (const item of start.items.filter((i) => i.status !== 'done')) {
    signal.throwIfAborted();
    await setItem(item.id, { status: 'running', error: undefined });
    const context: ItemContext = {
      db,
      experiment: current(),
      dataset,
      data,
      signal,
      progress: (stage: ExperimentStage, done: number, total: number, detail = '') =>
        post({ type: 'progress', experimentId: start.id, itemId: item.id, stage, done, total, detail }),
      setDomainExtractor: (domainExtractor) => save({ domainExtractor }),
    };
    const started = performance.now();
    try {
      const result = item.kind === 'fidelity' ? await runFidelityItem(item, context) : await runUnetItem(item, context);
      await setItem(item.id, { ...result, status: 'done', seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      if (signal.aborted || (error instanceof LabError && error.code === 'cancelled')) throw error;
      log.error('experiment item failed', { experiment: start.id, item: item.id, error: String(error) });
      await setItem(item.id, { status: 'failed', error: serializeError(error) });
    }
  }
}
