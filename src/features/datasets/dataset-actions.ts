/** Reading and deleting datasets from the page. */

import { useLabStore } from '../../state/store';
import { deleteDataset, listDatasets } from '../../storage/datasets';
import { openLabDatabase } from '../../storage/db';
import { listRuns, deleteRun } from '../../storage/runs';

export async function refreshDatasets(): Promise<void> {
  const db = await openLabDatabase();
  useLabStore.getState().setDatasets(await listDatasets(db));
}

/** Deletes a dataset with its slices and every run trained on it. */
export async function removeDataset(datasetId: string): Promise<void> {
  const db = await openLabDatabase();
  for (const run of await listRuns(db)) {
    if (run.datasetId === datasetId) await deleteRun(db, run.id);
  }
  await deleteDataset(db, datasetId);
  await refreshDatasets();
  const { runs } = useLabStore.getState();
  useLabStore.getState().setRuns(runs.filter((run) => run.datasetId !== datasetId));
}
