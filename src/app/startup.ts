/**
 * What the page does once when it opens: tidies what a closed tab left
 * behind, loads the lists, and on the very first visit generates the
 * built-in phantom so the lab can train before any data is dropped in.
 */

import { createLogger } from '../core/log';
import { refreshDatasets } from '../features/datasets/dataset-actions';
import { startPhantom } from '../features/datasets/ingest-client';
import { refreshRuns } from '../features/training/training-client';
import { liveRunIds } from '../runtime/run-lock';
import { useLabStore } from '../state/store';
import { removeUnfinishedDatasets } from '../storage/datasets';
import { openLabDatabase } from '../storage/db';
import { markInterruptedRuns } from '../storage/runs';

const log = createLogger('app/startup');

/** Set once the phantom was generated, so deleting it does not bring it back. */
const PHANTOM_OFFERED_KEY = 'gan-lab:phantom-offered';
const PHANTOM_SIZE = 64;
const PHANTOM_SEED = 1;

export async function startLab(): Promise<void> {
  const db = await openLabDatabase();
  const removed = await removeUnfinishedDatasets(db);
  const interrupted = await markInterruptedRuns(db, await liveRunIds());
  if (removed.length || interrupted.length) log.info('tidied after a closed tab', { removed, interrupted });

  await Promise.all([refreshDatasets(), refreshRuns()]);
  if (useLabStore.getState().datasets.length === 0 && localStorage.getItem(PHANTOM_OFFERED_KEY) === null) {
    localStorage.setItem(PHANTOM_OFFERED_KEY, new Date().toISOString());
    startPhantom(PHANTOM_SIZE, PHANTOM_SEED);
  }
}
