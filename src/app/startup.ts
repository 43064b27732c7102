/**
 * What the page does once when it opens: tidies what a closed tab left
 * behind, loads the lists, and on the very first visit generates the
 * built-in phantom so the lab can train before any data is dropped in.
 */

import { createLogger } from '../core/log';
import { refreshDatasets } from '../features/datasets/dataset-actions';
import { startPhantom } from '../features/datasets/ingest-client';
import { refreshRuns } from '../features/training/training-client';
import { refreshExperiments } from '../features/experiments/experiment-client';
import { liveExperimentIds, liveRunIds } from '../runtime/run-lock';
import { useLabStore } from '../state/store';
import { removeUnfinishedDatasets } from '../storage/datasets';
import { openLabDatabase } from '../storage/db';
import { markInterruptedExperiments } from '../storage/experiments';
import { markInterruptedRuns } from '../storage/runs';

const log = createLogger('app/startup');

/** Set once the phantom is stored, so deleting it does not bring it back; a page closed before then generates it again. */
const PHANTOM_OFFERED_KEY = 'gan-lab:phantom-offered';
const PHANTOM_SIZE = 64;
const PHANTOM_SEED = 1;

/** A reloaded page's old workers may hold their locks for a moment; runs they held are checked again this often. */
const LOCK_RECHECK_MS = 1000;
const LOCK_RECHECKS = 10;

export async function startLab(): Promise<void> {
  const db = await openLabDatabase();
  const removed = await removeUnfinishedDatasets(db);
  if (removed.length) log.info('removed datasets a closed tab left half-written', { removed });
  await markInterrupted(db);

  await Promise.all([refreshDatasets(), refreshRuns(), refreshExperiments()]);
  if (useLabStore.getState().datasets.length === 0 && localStorage.getItem(PHANTOM_OFFERED_KEY) === null) {
    startPhantom(PHANTOM_SIZE, PHANTOM_SEED, () => localStorage.setItem(PHANTOM_OFFERED_KEY, new Date().toISOString()));
  }
}

/** Marks runs and experiments without a live worker as interrupted, checking again while old workers wind down. */
async function markInterrupted(db: Awaited<ReturnType<typeof openLabDatabase>>, recheck = 0): Promise<void> {
  const liveRuns = await liveRunIds();
  const liveExperiments = await liveExperimentIds();
  const runs = await markInterruptedRuns(db, liveRuns);
  const experiments = await markInterruptedExperiments(db, liveExperiments, recheck === 0);
  if (runs.length || experiments.length) {
    log.info('marked work of a closed tab as interrupted', { runs, experiments });
    await Promise.all([refreshRuns(), refreshExperiments()]);
  }
  const waitingFor = liveRuns.size + liveExperiments.size;
  if (waitingFor > 0 && recheck < LOCK_RECHECKS) setTimeout(() => void markInterrupted(db, recheck + 1), LOCK_RECHECK_MS);
}
