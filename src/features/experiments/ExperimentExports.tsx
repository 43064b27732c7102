import { useEffect, useState } from 'react';
import { downloadBlob } from '../../export/download';
import { sampleGridPng } from '../../export/sample-grid';
import type { SyntheticLayout } from '../../export/synthetic-options';
import { tableToCsv, tableToJson, tableToLatex, tableToMarkdown } from '../../export/table-formats';
import { experimentTable, type CheckpointChoice, type ExperimentRecord } from '../../ml/experiments/experiment-record';
import { useLabStore } from '../../state/store';
import { openLabDatabase } from '../../storage/db';
import { countSyntheticPairs, syntheticSetId } from '../../storage/experiments';
import { getSampleGrid } from '../../storage/runs';
import { exportSyntheticSet } from './experiment-client';

const TABLE_FORMATS = [
  { title: 'CSV', extension: 'csv', type: 'text/csv', render: tableToCsv },
  { title: 'JSON', extension: 'json', type: 'application/json', render: tableToJson },
  { title: 'Markdown', extension: 'md', type: 'text/markdown', render: tableToMarkdown },
  { title: 'LaTeX', extension: 'tex', type: 'application/x-tex', render: tableToLatex },
] as const;

function fileStem(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'experiment';
}

/** Downloads of the table in four formats, each GAN's sample grid, and its synthetic set as PNG pairs or for nnU-Net. */
export function ExperimentExports({ experiment }: { experiment: ExperimentRecord }) {
  const stem = fileStem(experiment.name);
  return (
    <div className="exports">
      <div className="actions" role="group" aria-label={`Export the table of ${experiment.name}`}>
        {TABLE_FORMATS.map((format) => (
          <button
            key={format.extension}
            type="button"
            onClick={() => downloadBlob([format.render(experimentTable(experiment))], `${stem}.${format.extension}`, format.type)}
          >
            Export table as {format.title}
          </button>
        ))}
      </div>
      {experiment.checkpoints.map((checkpoint) => (
        <CheckpointExports key={`${checkpoint.runId}@${checkpoint.step}`} experiment={experiment} checkpoint={checkpoint} stem={stem} />
      ))}
    </div>
  );
}

function CheckpointExports({ experiment, checkpoint, stem }: { experiment: ExperimentRecord; checkpoint: CheckpointChoice; stem: string }) {
  const runs = useLabStore((state) => state.runs);
  const datasets = useLabStore((state) => state.datasets);
  const showNotice = useLabStore((state) => state.showNotice);
  const [stored, setStored] = useState(0);
  const [progress, setProgress] = useState<string | null>(null);
  const setId = syntheticSetId(experiment.id, checkpoint.runId, checkpoint.step);
  const run = runs.find((r) => r.id === checkpoint.runId);
  const dataset = datasets.find((d) => d.id === experiment.datasetId);
  const complete = stored === experiment.options.syntheticCount;

  useEffect(() => {
    void openLabDatabase()
      .then((db) => countSyntheticPairs(db, setId))
      .then(setStored);
  }, [setId, experiment.updatedAt]);

  const exportGrid = async () => {
    const grid = await getSampleGrid(await openLabDatabase(), checkpoint.runId);
    if (!grid || !run) return showNotice({ kind: 'error', message: `${checkpoint.runName} has no stored sample grid.` });
    const { resolution: side, imageChannels, numClasses } = run.config;
    downloadBlob([sampleGridPng(grid.grid, { side, imageChannels, numClasses })], `${fileStem(checkpoint.runName)}-samples-step${grid.step}.png`, 'image/png');
  };

  const exportSet = async (layout: SyntheticLayout) => {
    if (!run) return;
    try {
      const chunks = await exportSyntheticSet(
        experiment.id,
        setId,
        {
          layout,
          side: run.config.resolution,
          imageChannels: run.config.imageChannels,
          classNames: experiment.classNames,
          total: stored,
          modality: dataset?.report.pairs[0]?.modality === 'ct' ? 'CT' : 'MRI',
          datasetId: 501,
          datasetName: fileStem(`Synthetic_${checkpoint.gan}`).replace(/[^A-Za-z0-9_]/g, '_'),
          description: `${stored} pairs sampled from ${checkpoint.runName} at step ${checkpoint.step} by GAN Lab`,
        },
        (done, total) => setProgress(`${done} of ${total} pairs written`),
      );
      downloadBlob(chunks, `${stem}-${fileStem(checkpoint.runName)}-${layout}.zip`, 'application/zip');
      setProgress(null);
    } catch (error) {
      setProgress(null);
      showNotice({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="actions" role="group" aria-label={`Exports of ${checkpoint.runName}`}>
      <button type="button" onClick={() => void exportGrid()}>
        Sample grid of {checkpoint.runName} (PNG)
      </button>
      <button type="button" disabled={!complete} onClick={() => void exportSet('png-pairs')}>
        Synthetic pairs of {checkpoint.runName} (PNG zip)
      </button>
      <button type="button" disabled={!complete} onClick={() => void exportSet('nnunet')}>
        Synthetic pairs of {checkpoint.runName} (nnU-Net zip)
      </button>
      {!complete && <span className="field-note">{stored} of {experiment.options.syntheticCount} synthetic pairs sampled so far</span>}
      {progress && <span role="status">{progress}</span>}
    </div>
  );
}
