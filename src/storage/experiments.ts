/** Experiments and the synthetic image+mask sets they sample from GAN checkpoints. */

import { LabError } from '../core/errors';
import type { ExperimentRecord } from '../ml/experiments/experiment-record';
import { guardStorage, type LabDatabase } from './db';
import type { SyntheticPairRecord } from './schema';

export async function listExperiments(db: LabDatabase): Promise<ExperimentRecord[]> {
  return (await db.getAll('experiments')).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getExperiment(db: LabDatabase, id: string): Promise<ExperimentRecord> {
  const experiment = await db.get('experiments', id);
  if (!experiment) throw new LabError('not-found', `experiment ${id} is not in this browser's storage`, { hint: 'Queue the experiment again.' });
  return experiment;
}

export function putExperiment(db: LabDatabase, experiment: ExperimentRecord): Promise<void> {
  return guardStorage(`experiment ${experiment.name}`, async () => {
    await db.put('experiments', { ...experiment, updatedAt: new Date().toISOString() });
  });
}

export function syntheticSetId(experimentId: string, runId: string, step: number): string {
  return `${experimentId}|${runId}@${step}`;
}

function setRange(setId: string): IDBKeyRange {
  return IDBKeyRange.bound([setId, -Infinity], [setId, Infinity]);
}

export function addSyntheticPairs(db: LabDatabase, records: SyntheticPairRecord[]): Promise<void> {
  return guardStorage(`${records.length} synthetic pairs`, async () => {
    const tx = db.transaction('synthetic', 'readwrite');
    await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  });
}

export async function countSyntheticPairs(db: LabDatabase, setId: string): Promise<number> {
  return db.count('synthetic', setRange(setId));
}

/** Reads the pairs at the given positions of a set, in that order, in one transaction. */
export async function readSyntheticPairs(db: LabDatabase, setId: string, positions: number[]): Promise<SyntheticPairRecord[]> {
  const tx = db.transaction('synthetic');
  const found = await Promise.all(positions.map((seq) => tx.store.get([setId, seq])));
  await tx.done;
  return found.map((record, i) => {
    if (!record) throw new LabError('not-found', `synthetic pair ${positions[i]} of ${setId} is missing`, { hint: 'Run the experiment again.' });
    return record;
  });
}

export function deleteSyntheticSet(db: LabDatabase, setId: string): Promise<void> {
  return guardStorage(`deleting the synthetic set ${setId}`, async () => {
    await db.delete('synthetic', setRange(setId));
  });
}

/** Deletes an experiment with its synthetic sets. */
export function deleteExperiment(db: LabDatabase, id: string): Promise<void> {
  return guardStorage(`deleting experiment ${id}`, async () => {
    const tx = db.transaction(['experiments', 'synthetic'], 'readwrite');
    await Promise.all([
      tx.objectStore('experiments').delete(id),
      tx.objectStore('synthetic').delete(IDBKeyRange.bound([`${id}|`, -Infinity], [`${id}|\uffff`, Infinity])),
      tx.done,
    ]);
  });
}

/**
 * Marks experiments a closed page left running as interrupted; `live` lists
 * those a worker still runs. Queued ones count too when `includeQueued`: only
 * at start-up, because later a queued experiment may be one whose worker is
 * about to take its lock.
 */
export async function markInterruptedExperiments(db: LabDatabase, live: Set<string>, includeQueued: boolean): Promise<string[]> {
  const interrupted: string[] = [];
  for (const experiment of await db.getAll('experiments')) {
    const stale = experiment.status === 'running' || (includeQueued && experiment.status === 'queued');
    if (stale && !live.has(experiment.id)) {
      const items = experiment.items.map((item) => (item.status === 'running' ? { ...item, status: 'pending' as const } : item));
      await putExperiment(db, { ...experiment, items, status: 'interrupted' });
      interrupted.push(experiment.id);
    }
  }
  return interrupted;
}
