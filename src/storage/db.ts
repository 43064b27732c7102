/**
 * Opening the database, and the one place where storage failures become
 * LabErrors: a full quota turns into 'quota-exceeded' with the space used, so
 * the user can free space; the failed transaction aborts, so what was stored
 * before stays intact.
 */

import { openDB, type IDBPDatabase } from 'idb';
import { LabError, isQuotaError } from '../core/errors';
import { createLogger } from '../core/log';
import { DB_NAME, DB_VERSION, type GanLabSchema } from './schema';

const log = createLogger('storage');

export type LabDatabase = IDBPDatabase<GanLabSchema>;

let opening: Promise<LabDatabase> | null = null;

export function openLabDatabase(): Promise<LabDatabase> {
  opening ??= openDB<GanLabSchema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('slices', { keyPath: ['datasetId', 'seq'] });
        const runs = db.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byDataset', 'datasetId');
        db.createObjectStore('metrics', { keyPath: ['runId', 'step'] });
        db.createObjectStore('checkpoints', { keyPath: ['runId', 'step'] });
        db.createObjectStore('samples', { keyPath: 'runId' });
      }
      if (oldVersion < 2) db.createObjectStore('models', { keyPath: 'sha256' });
      if (oldVersion < 3) {
        db.createObjectStore('fidelity', { keyPath: ['runId', 'step', 'extractorId'] });
        db.createObjectStore('references', { keyPath: 'key' });
      }
      if (oldVersion < 4) {
        db.createObjectStore('experiments', { keyPath: 'id' });
        db.createObjectStore('synthetic', { keyPath: ['setId', 'seq'] });
      }
    },
    blocking() {
      log.warn('another tab upgrades the database; closing this connection');
      void opening?.then((db) => db.close());
      opening = null;
    },
  });
  return opening;
}

/** Key range of every record of one dataset or run in a store keyed by [id, number]. */
export function ownedRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
}

export interface StorageUsage {
  usedBytes: number;
  quotaBytes: number;
}

export async function storageUsage(): Promise<StorageUsage | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usedBytes: usage, quotaBytes: quota };
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Runs a storage operation, turning quota and other IndexedDB failures into LabErrors. */
export async function guardStorage<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof LabError) throw error;
    if (isQuotaError(error) || isQuotaError((error as { cause?: unknown })?.cause)) {
      const usage = await storageUsage();
      const used = usage ? ` (this site uses ${formatBytes(usage.usedBytes)} of a ${formatBytes(usage.quotaBytes)} quota; a nearly full disk also causes this)` : '';
      log.error('quota exceeded', { what, usage });
      throw new LabError('quota-exceeded', `the browser has no room left to store ${what}${used}`, {
        hint: 'Delete runs or datasets you no longer need, or free disk space, then try again; everything stored before is intact.',
        cause: error,
      });
    }
    log.error('storage operation failed', { what, error: String(error) });
    throw new LabError('storage-failed', `${what} failed in IndexedDB: ${error instanceof Error ? error.message : String(error)}`, {
      hint: 'Reload the page and try again.',
      cause: error,
    });
  }
}
