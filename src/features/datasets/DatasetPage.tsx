import { useState } from 'react';
import { useLabStore } from '../../state/store';
import { removeDataset } from './dataset-actions';
import { DatasetSummary } from './DatasetSummary';
import { PairingReport } from './PairingReport';
import { PreviewGrid } from './PreviewGrid';

/** One dataset: its summary, its files and a preview, and the way to train on it. */
export function DatasetPage() {
  const dataset = useLabStore((state) => state.datasets.find((d) => d.id === state.selectedDatasetId));
  const navigate = useLabStore((state) => state.navigate);
  const [confirming, setConfirming] = useState(false);

  if (!dataset) return <p>Pick a dataset from the datasets page.</p>;
  return (
    <>
      <header className="page-header">
        <h1>{dataset.name}</h1>
        <div className="actions">
          <button type="button" onClick={() => navigate('training', { datasetId: dataset.id })}>
            Train a GAN on this dataset
          </button>
          {confirming ? (
            <button type="button" className="danger" onClick={() => void removeDataset(dataset.id).then(() => navigate('datasets'))}>
              Confirm: delete {dataset.name} and its runs
            </button>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Delete dataset
            </button>
          )}
        </div>
      </header>
      <DatasetSummary dataset={dataset} />
      <PreviewGrid dataset={dataset} />
      <PairingReport report={dataset.report} />
    </>
  );
}
