import { useState } from 'react';
import { ProgressBar } from '../../components/ProgressBar';
import { estimateSecondsLeft } from '../../components/format';
import { experimentTable, type ExperimentRecord } from '../../ml/experiments/experiment-record';
import { useLabStore } from '../../state/store';
import { cancelExperiment, isExperimentRunning, removeExperiment, runExperiment } from './experiment-client';
import { ExperimentExports } from './ExperimentExports';
import { ExperimentTableView } from './ExperimentTableView';

const STAGE_TITLES = { sampling: 'sampling synthetic pairs', training: 'training the U-Net', testing: 'testing on real data', fidelity: 'scoring fidelity' };

/** One experiment: its state, progress with time left, controls, the table and its exports. */
export function ExperimentCard({ experiment }: { experiment: ExperimentRecord }) {
  const progress = useLabStore((state) => state.experimentProgress[experiment.id]);
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const running = isExperimentRunning(experiment.id);
  const done = experiment.items.filter((item) => item.status === 'done').length;
  const resumable = !running && experiment.items.some((item) => item.status !== 'done') && experiment.status !== 'queued';
  const item = progress ? experiment.items.find((i) => i.id === progress.itemId) : undefined;

  return (
    <section className="panel" aria-label={`Experiment ${experiment.name}`}>
      <h2>{experiment.name}</h2>
      <p role="status" aria-label={`Status of ${experiment.name}`}>
        {experiment.status}
        {running && cancelling ? ' · cancelling after the current batch' : ''} · {done} of {experiment.items.length} items done · {experiment.datasetName}
      </p>
      {experiment.error && <p role="alert">{experiment.error.message}</p>}
      {experiment.items
        .filter((i) => i.status === 'failed' && i.error)
        .map((i) => (
          <p key={i.id} role="alert">
            {i.label} failed: {i.error!.message}
          </p>
        ))}
      {progress && item && (
        <ProgressBar
          label={`Progress of ${experiment.name}`}
          value={progress.done}
          max={progress.total}
          secondsLeft={progress.done > 0 ? estimateSecondsLeft(progress.done, progress.total, (performance.now() - progress.stageStartedAt) / 1000) : null}
          detail={`${item.label}: ${STAGE_TITLES[progress.stage]}${progress.detail ? `, ${progress.detail}` : ''}`}
        />
      )}
      <div className="actions">
        {running && (
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              cancelExperiment(experiment.id);
            }}
          >
            Cancel experiment
          </button>
        )}
        {resumable && (
          <button
            type="button"
            onClick={() => {
              setCancelling(false);
              runExperiment(experiment.id);
            }}
          >
            Resume experiment
          </button>
        )}
        {confirming ? (
          <button type="button" className="danger" onClick={() => void removeExperiment(experiment.id)}>
            Confirm: delete {experiment.name}
          </button>
        ) : (
          <button type="button" disabled={running} onClick={() => setConfirming(true)}>
            Delete experiment
          </button>
        )}
      </div>
      <ExperimentTableView table={experimentTable(experiment)} />
      <ExperimentExports experiment={experiment} />
    </section>
  );
}
