import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LossChart } from '../../components/LossChart';
import { ProgressBar } from '../../components/ProgressBar';
import { formatRate } from '../../components/format';
import { emptyLiveRun, useLabStore } from '../../state/store';
import type { RunRecord } from '../../storage/schema';
import { EvaluationProgress } from '../metrics/EvaluationProgress';
import { FidelityChart } from '../metrics/FidelityChart';
import { FidelityTable } from '../metrics/FidelityTable';
import { loadFidelity } from '../metrics/metrics-client';
import { RunControls } from './RunControls';
import { SampleGrid } from './SampleGrid';
import { loadRunHistory } from './training-client';

/** A run as it trains: status, backend, speed, loss curves and the sample grid. */
export function LiveRunView({ run }: { run: RunRecord }) {
  const live = useLabStore((state) => state.live[run.id]) ?? emptyLiveRun();

  const fidelity = useLabStore((state) => state.fidelity[run.id]) ?? [];
  const evaluations = useLabStore(useShallow((state) => Object.values(state.evaluations).filter((job) => job.runId === run.id && job.mode === 'live')));

  useEffect(() => {
    if (live.metrics.length === 0) void loadRunHistory(run.id);
    void loadFidelity(run.id);
    // Load the stored history once per run shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.id]);

  const status = live.status === 'idle' ? run.status : live.status;
  const step = Math.max(live.step, run.step);
  const { config } = run;
  const latest = live.metrics[live.metrics.length - 1];

  return (
    <section aria-labelledby="live-heading" className="panel live-run">
      <h2 id="live-heading">{run.name}</h2>
      <p role="status" aria-label="Run status">
        {status}
        {live.requested && status === 'running' ? ` · ${live.requested === 'pause' ? 'pausing' : 'stopping'} after the current step` : ''} · step {step} of {config.totalSteps}
        {run.lastCheckpointStep !== null || live.lastCheckpointStep !== null
          ? ` · last checkpoint at step ${Math.max(live.lastCheckpointStep ?? 0, run.lastCheckpointStep ?? 0)}`
          : ''}
      </p>
      <BackendLine runBackend={run.backend} runNote={run.backendNote} live={live.backend} />
      {live.error && <p role="alert">{live.error.message}</p>}
      {!live.error && run.error && status === 'failed' && <p role="alert">{run.error.message}</p>}
      <ProgressBar label="Training progress" value={step} max={config.totalSteps} secondsLeft={status === 'running' ? live.secondsLeft : undefined} />
      <p className="speed">
        {formatRate(live.stepsPerSecond, 'steps/s')} · {formatRate(live.imagesPerSecond, 'images/s')}
        {latest && ` · D loss ${latest.losses['Loss/D'].toFixed(4)} · G loss ${latest.losses['Loss/G'].toFixed(4)}`}
      </p>
      <RunControls run={run} status={status} />
      <LossChart metrics={live.metrics} />
      {latest && <LossTermsTable step={latest.step} losses={latest.losses} />}
      {(config.liveMetrics.interval > 0 || fidelity.length > 0) && (
        <section aria-label="Live fidelity">
          <FidelityChart records={fidelity} />
          {evaluations.slice(-1).map((job) => (
            <EvaluationProgress key={job.jobId} job={job} />
          ))}
          <FidelityTable records={fidelity} />
        </section>
      )}
      {live.samples && (
        <SampleGrid
          grid={live.samples.grid}
          step={live.samples.step}
          layout={{ side: config.resolution, imageChannels: config.imageChannels, numClasses: config.numClasses }}
        />
      )}
    </section>
  );
}

function BackendLine({ runBackend, runNote, live }: { runBackend?: string; runNote?: string; live?: import('../../protocol/backend').BackendReport }) {
  if (live) {
    return (
      <p aria-label="Training backend">
        Backend: {live.backend}
        {live.device ? ` (${live.device}${live.software ? ', a software adapter: slow' : ''})` : ''}
        {live.fallbacks.length > 0 && ` · passed over: ${live.fallbacks.map((f) => `${f.backend} (${f.reason})`).join('; ')}`}
      </p>
    );
  }
  if (!runBackend) return null;
  return (
    <p aria-label="Training backend">
      Backend of the last session: {runBackend}
      {runNote ? ` · passed over: ${runNote}` : ''}
    </p>
  );
}

/** Every named loss term at the latest step, e.g. `D/gp` or `G/feature_matching`. */
function LossTermsTable({ step, losses }: { step: number; losses: Record<string, number> }) {
  const terms = Object.entries(losses).filter(([name]) => name !== 'Loss/D' && name !== 'Loss/G');
  return (
    <table aria-label="Latest losses" className="loss-terms">
      <caption>Loss terms at step {step}</caption>
      <tbody>
        {terms.map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name.replace(/^Loss\//, '')}</th>
            <td>{value.toPrecision(5)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
