/** Fidelity metric records of runs, and the cached reference statistics of datasets. */

import type { FidelityRecord } from '../ml/metrics/fidelity-record';
import { guardStorage, type LabDatabase } from './db';
import type { ReferenceStatistics } from './schema';

export function putFidelity(db: LabDatabase, record: FidelityRecord): Promise<void> {
  return guardStorage(`the metrics of step ${record.step}`, async () => {
    await db.put('fidelity', record);
  });
}

/** A run's fidelity records in step order. */
export async function listFidelity(db: LabDatabase, runId: string): Promise<FidelityRecord[]> {
  const range = IDBKeyRange.bound([runId, -Infinity, ''], [runId, Infinity, '\uffff']);
  return db.getAll('fidelity', range);
}

export function referenceKey(datasetId: string, extractorId: string): string {
  return `${datasetId}|${extractorId}`;
}

export function getReference(db: LabDatabase, datasetId: string, extractorId: string): Promise<ReferenceStatistics | undefined> {
  return db.get('references', referenceKey(datasetId, extractorId));
}

export function putReference(db: LabDatabase, reference: ReferenceStatistics): Promise<void> {
  return guardStorage('the reference statistics', async () => {
    await db.put('references', reference);
  });
}
