/** Export of a run's latest checkpoint as a zip download, and import of such a zip as a new run. */

import { LabError } from '../../core/errors';
import { createLogger } from '../../core/log';
import { checkpointFromZip, checkpointToZip } from '../../ml/training/checkpoint-archive';
import { useLabStore } from '../../state/store';
import type { DatasetRecord } from '../../storage/dataset-record';
import { openLabDatabase } from '../../storage/db';
import { latestCheckpoint, putCheckpoint, putRun } from '../../storage/runs';
import type { RunRecord } from '../../storage/schema';
import { refreshRuns } from '../training/training-client';

const log = createLogger('features/checkpoints');

export async function exportLatestCheckpoint(run: RunRecord): Promise<void> {
  const checkpoint = await latestCheckpoint(await openLabDatabase(), run.id);
  const zip = checkpointToZip(checkpoint, { name: run.name, datasetName: run.datasetName });
  const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${safeFileName(run.name)}-step${checkpoint.step}.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  log.info('checkpoint exported', { runId: run.id, step: checkpoint.step, bytes: zip.byteLength });
}

/** Stores an exported checkpoint as a new stopped run on the dataset that matches it. */
export async function importCheckpoint(file: File): Promise<RunRecord> {
  const { checkpoint, run: description } = checkpointFromZip(new Uint8Array(await file.arrayBuffer()), file.name);
  const dataset = matchingDataset(useLabStore.getState().datasets, checkpoint.config, description.datasetName, file.name);
  const now = new Date().toISOString();
  const runId = `run-${crypto.randomUUID()}`;
  const run: RunRecord = {
    id: runId,
    name: `${description.name} (imported)`,
    datasetId: dataset.id,
    datasetName: dataset.name,
    createdAt: now,
    updatedAt: now,
    config: checkpoint.config,
    status: 'stopped',
    step: checkpoint.step,
    imagesSeen: checkpoint.imagesSeen,
    lastCheckpointStep: checkpoint.step,
    backend: checkpoint.backend,
  };
  const db = await openLabDatabase();
  await putRun(db, run);
  await putCheckpoint(db, { ...checkpoint, runId });
  await refreshRuns();
  log.info('checkpoint imported', { runId, step: checkpoint.step, dataset: dataset.id });
  return run;
}

/** Prefers a dataset of the same name; any dataset with the run's size, channels and classes will do. */
function matchingDataset(
  datasets: DatasetRecord[],
  config: { resolution: number; imageChannels: number; numClasses: number },
  datasetName: string,
  source: string,
): DatasetRecord {
  const fits = datasets.filter(
    (d) => d.size === config.resolution && d.imageChannels === config.imageChannels && d.classes.length === config.numClasses,
  );
  const match = fits.find((d) => d.name === datasetName) ?? fits[0];
  if (!match) {
    throw new LabError(
      'not-found',
      `no stored dataset has ${config.resolution} x ${config.resolution} slices with ${config.imageChannels} channel(s) and ${config.numClasses} classes, as this checkpoint of a run on "${datasetName}" needs`,
      { file: source, hint: `Add ${datasetName} (or a dataset of that shape) first, then import again.` },
    );
  }
  return match;
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'run';
}
