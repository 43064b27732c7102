/**
 * Datasets and their slices. A dataset is written in three moves: a record
 * marked `ingesting`, slices added pair by pair, then the record marked
 * `ready`. A failed or cancelled ingest deletes what it wrote, and records
 * still `ingesting` at start-up (a closed tab) are deleted too, so no
 * half-written dataset is ever listed or trained on.
 */

import { LabError } from '../core/errors';
import { assembleTrainingSet } from '../ml/data/assemble';
import type { TrainingSet } from '../ml/data/training-set';
import type { Slice } from '../preprocess/slice-dataset';
import type { DatasetRecord } from './dataset-record';
import { guardStorage, ownedRange, type LabDatabase } from './db';
import type { SliceRecord } from './schema';

export async function listDatasets(db: LabDatabase): Promise<DatasetRecord[]> {
  const datasets = await db.getAll('datasets');
  return datasets.filter((d) => d.status === 'ready').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function getDataset(db: LabDatabase, datasetId: string): Promise<DatasetRecord> {
  const dataset = await db.get('datasets', datasetId);
  if (!dataset || dataset.status !== 'ready') {
    throw new LabError('not-found', `dataset ${datasetId} is not in this browser's storage`, { hint: 'Add the dataset folder again.' });
  }
  return dataset;
}

export function putDataset(db: LabDatabase, dataset: DatasetRecord): Promise<void> {
  return guardStorage(`dataset ${dataset.name}`, async () => {
    await db.put('datasets', dataset);
  });
}

/** Appends slices to a dataset being ingested; `firstSeq` numbers them. */
export function addSlices(db: LabDatabase, datasetId: string, slices: Slice[], firstSeq: number): Promise<void> {
  return guardStorage(`${slices.length} slices of ${slices[0]?.pairId ?? 'a pair'}`, async () => {
    const tx = db.transaction('slices', 'readwrite');
    const writes = slices.map((slice, i) => tx.store.put({ ...slice, datasetId, seq: firstSeq + i }));
    await Promise.all([...writes, tx.done]);
  });
}

/** Deletes a dataset with its slices and cached reference statistics; runs trained on it are the caller's. */
export function deleteDataset(db: LabDatabase, datasetId: string): Promise<void> {
  return guardStorage(`deleting dataset ${datasetId}`, async () => {
    const tx = db.transaction(['datasets', 'slices', 'references'], 'readwrite');
    await Promise.all([
      tx.objectStore('slices').delete(ownedRange(datasetId)),
      tx.objectStore('datasets').delete(datasetId),
      tx.objectStore('references').delete(IDBKeyRange.bound(`${datasetId}|`, `${datasetId}|\uffff`)),
      tx.done,
    ]);
  });
}

/** Removes datasets whose ingest never finished (the tab closed mid-way). */
export async function removeUnfinishedDatasets(db: LabDatabase): Promise<string[]> {
  const unfinished = (await db.getAll('datasets')).filter((d) => d.status !== 'ready').map((d) => d.id);
  for (const id of unfinished) await deleteDataset(db, id);
  return unfinished;
}

export async function readSlices(db: LabDatabase, datasetId: string, limit?: number): Promise<SliceRecord[]> {
  return db.getAll('slices', ownedRange(datasetId), limit);
}

/** Slices spread over the dataset for the preview grid: every k-th one. */
export async function previewSlices(db: LabDatabase, dataset: DatasetRecord, count: number): Promise<SliceRecord[]> {
  const stride = Math.max(1, Math.floor(dataset.sliceCount / count));
  const picked: SliceRecord[] = [];
  let cursor = await db.transaction('slices').store.openCursor(ownedRange(dataset.id));
  while (cursor && picked.length < count) {
    picked.push(cursor.value);
    cursor = stride > 1 ? await cursor.advance(stride) : await cursor.continue();
  }
  return picked;
}

/** Gathers one split of a dataset into the flat arrays a trainer reads. */
export async function loadTrainingSet(db: LabDatabase, dataset: DatasetRecord, split: 'train' | 'test'): Promise<TrainingSet> {
  return assembleTrainingSet(await readSlices(db, dataset.id), dataset, split);
}
