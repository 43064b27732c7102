import { useState } from 'react';
import { useLabStore } from '../../state/store';
import { openLabDatabase } from '../../storage/db';
import { deleteRun } from '../../storage/runs';
import type { RunRecord } from '../../storage/schema';
import { refreshRuns } from '../training/training-client';
import { exportLatestCheckpoint, importCheckpoint } from './checkpoint-transfer';

/** Every stored run with its state and actions, and the import of exported checkpoints. */
export function RunsPage() {
  const runs = useLabStore((state) => state.runs);
  const navigate = useLabStore((state) => state.navigate);
  const showNotice = useLabStore((state) => state.showNotice);
  const report = (error: unknown) => showNotice({ kind: 'error', message: error instanceof Error ? error.message : String(error) });

  return (
    <section aria-labelledby="runs-heading" className="panel">
      <h1 id="runs-heading">Runs</h1>
      <label className="file-button">
        <span>Import checkpoint…</span>
        <input
          type="file"
          accept=".zip,application/zip"
          aria-label="Import checkpoint"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (!file) return;
            importCheckpoint(file)
              .then((run) => showNotice({ kind: 'info', message: `Imported ${run.name} at step ${run.step}.` }))
              .catch(report);
          }}
        />
      </label>
      {runs.length === 0 ? (
        <p>No run yet. Open a dataset and train a GAN on it.</p>
      ) : (
        <table>
          <caption>Stored runs</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Dataset</th>
              <th scope="col">GAN</th>
              <th scope="col">Status</th>
              <th scope="col">Step</th>
              <th scope="col">Checkpoint</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <RunRow key={run.id} run={run} onOpen={() => navigate('training', { runId: run.id, datasetId: run.datasetId })} onError={report} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RunRow({ run, onOpen, onError }: { run: RunRecord; onOpen(): void; onError(error: unknown): void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr>
      <th scope="row">{run.name}</th>
      <td>{run.datasetName}</td>
      <td>{run.config.gan}</td>
      <td>{run.status}</td>
      <td>
        {run.step} / {run.config.totalSteps}
      </td>
      <td>{run.lastCheckpointStep ?? 'none'}</td>
      <td className="actions">
        <button type="button" onClick={onOpen} aria-label={`Open ${run.name}`}>
          Open
        </button>
        <button
          type="button"
          disabled={run.lastCheckpointStep === null}
          aria-label={`Export checkpoint of ${run.name}`}
          onClick={() => exportLatestCheckpoint(run).catch(onError)}
        >
          Export checkpoint
        </button>
        {confirming ? (
          <button
            type="button"
            className="danger"
            aria-label={`Confirm deleting ${run.name}`}
            onClick={() => openLabDatabase().then((db) => deleteRun(db, run.id)).then(refreshRuns).catch(onError)}
          >
            Confirm delete
          </button>
        ) : (
          <button type="button" aria-label={`Delete ${run.name}`} disabled={run.status === 'running'} onClick={() => setConfirming(true)}>
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
