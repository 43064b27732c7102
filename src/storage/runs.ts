/** Runs, their metric history, latest sample grid and checkpoints. */

import { LabError } from '../core/errors';
import type { Checkpoint } from '../ml/training/checkpoint-format';
import { guardStorage, ownedRange, type LabDatabase } from './db';
import type { MetricRecord, RunRecord, SampleGridRecord } from './schema';

/** Checkpoints kept per run; older ones are deleted when a new one is stored. */
export const CHECKPOINTS_KEPT = 3;

export async function listRuns(db: LabDatabase): Promise<RunRecord[]> {
  const runs = await db.getAll('runs');
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getRun(db: LabDatabase, runId: string): Promise<RunRecord> {
  const run = await db.get('runs', runId);
  if (!run) throw new LabError('not-found', `run ${runId} is not in this browser's storage`, { hint: 'Pick a run from the runs list.' });
  return run;
}

export function putRun(db: LabDatabase, run: RunRecord): Promise<void> {
  return guardStorage(`run ${run.name}`, async () => {
    await db.put('runs', run);
  });
}

export async function updateRun(db: LabDatabase, runId: string, change: Partial<RunRecord>): Promise<RunRecord> {
  return guardStorage(`the state of run ${runId}`, async () => {
    const tx = db.transaction('runs', 'readwrite');
    const run = await tx.store.get(runId);
    if (!run) throw new LabError('not-found', `run ${runId} is not in this browser's storage`, { hint: 'Pick a run from the runs list.' });
    const updated = { ...run, ...change, updatedAt: new Date().toISOString() };
    await tx.store.put(updated);
    await tx.done;
    return updated;
  });
}

export function appendMetrics(db: LabDatabase, records: MetricRecord[]): Promise<void> {
  return guardStorage('the metrics of the latest steps', async () => {
    const tx = db.transaction('metrics', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  });
}

export function listMetrics(db: LabDatabase, runId: string): Promise<MetricRecord[]> {
  return db.getAll('metrics', ownedRange(runId));
}

export function putSampleGrid(db: LabDatabase, record: SampleGridRecord): Promise<void> {
  return guardStorage('the sample grid', async () => {
    await db.put('samples', record);
  });
}

export function getSampleGrid(db: LabDatabase, runId: string): Promise<SampleGridRecord | undefined> {
  return db.get('samples', runId);
}

/** Stores a checkpoint and records it on the run in one transaction; prunes the oldest beyond `CHECKPOINTS_KEPT`. */
export function putCheckpoint(db: LabDatabase, checkpoint: Checkpoint): Promise<void> {
  return guardStorage(`the checkpoint at step ${checkpoint.step}`, async () => {
    const tx = db.transaction(['checkpoints', 'runs'], 'readwrite');
    const checkpoints = tx.objectStore('checkpoints');
    await checkpoints.put(checkpoint);
    const steps = (await checkpoints.getAllKeys(ownedRange(checkpoint.runId))).map((key) => key[1]);
    for (const step of steps.slice(0, Math.max(0, steps.length - CHECKPOINTS_KEPT))) {
      await checkpoints.delete([checkpoint.runId, step]);
    }
    const run = await tx.objectStore('runs').get(checkpoint.runId);
    if (run) {
      await tx.objectStore('runs').put({ ...run, lastCheckpointStep: checkpoint.step, updatedAt: new Date().toISOString() });
    }
    await tx.done;
  });
}

export async function latestCheckpoint(db: LabDatabase, runId: string): Promise<Checkpoint> {
  const cursor = await db.transaction('checkpoints').store.openCursor(ownedRange(runId), 'prev');
  if (!cursor) {
    throw new LabError('not-found', `run ${runId} has no stored checkpoint`, { hint: 'Start the run again from step 0.' });
  }
  return cursor.value;
}

export async function listCheckpointSteps(db: LabDatabase, runId: string): Promise<number[]> {
  return (await db.getAllKeys('checkpoints', ownedRange(runId))).map((key) => key[1]);
}

export async function getCheckpoint(db: LabDatabase, runId: string, step: number): Promise<Checkpoint> {
  const checkpoint = await db.get('checkpoints', [runId, step]);
  if (!checkpoint) throw new LabError('not-found', `run ${runId} has no checkpoint at step ${step}`, { hint: 'Pick one of the stored checkpoints.' });
  return checkpoint;
}

/** Deletes a run with its metrics, fidelity records, samples and checkpoints. */
export function deleteRun(db: LabDatabase, runId: string): Promise<void> {
  return guardStorage(`deleting run ${runId}`, async () => {
    const tx = db.transaction(['runs', 'metrics', 'checkpoints', 'samples', 'fidelity'], 'readwrite');
    await Promise.all([
      tx.objectStore('runs').delete(runId),
      tx.objectStore('metrics').delete(ownedRange(runId)),
      tx.objectStore('checkpoints').delete(ownedRange(runId)),
      tx.objectStore('samples').delete(runId),
      tx.objectStore('fidelity').delete(IDBKeyRange.bound([runId, -Infinity, ''], [runId, Infinity, '\uffff'])),
      tx.done,
    ]);
  });
}

/** Marks runs left 'created', 'running' or 'paused' by a closed page as interrupted; `live` lists runs a worker still trains. */
export async function markInterruptedRuns(db: LabDatabase, live: Set<string>): Promise<string[]> {
  const interrupted: string[] = [];
  for (const run of await db.getAll('runs')) {
    // A run still `created` had its page closed before its worker started.
    if ((run.status === 'created' || run.status === 'running' || run.status === 'paused') && !live.has(run.id)) {
      await updateRun(db, run.id, { status: 'interrupted' });
      interrupted.push(run.id);
    }
  }
  return interrupted;
}
