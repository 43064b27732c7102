import { ProgressBar } from '../../components/ProgressBar';
import { estimateSecondsLeft } from '../../components/format';
import type { EvaluationJob } from '../../state/store';
import { cancelEvaluation } from './metrics-client';

const STAGE_TITLES = {
  reference: 'features of the real images',
  generated: 'generating and extracting samples',
  statistics: 'computing the metrics',
  memorization: 'searching nearest training images',
} as const;

/** One evaluation's stage, progress, time left and cancel button. */
export function EvaluationProgress({ job }: { job: EvaluationJob }) {
  if (job.status === 'failed') return <p role="alert">Evaluation of step {job.step} failed: {job.error?.message}</p>;
  if (job.status === 'cancelled') return <p role="status">Evaluation of step {job.step} was cancelled.</p>;
  if (job.status === 'done') return null;
  const elapsed = (performance.now() - job.startedAt) / 1000;
  const stage = job.stage ? STAGE_TITLES[job.stage] : 'waiting for the worker';
  let secondsLeft: number | null | undefined;
  if (job.stage) secondsLeft = job.done > 0 ? estimateSecondsLeft(job.done, job.total, elapsed) : null;
  return (
    <div className="ingest-progress">
      <ProgressBar
        label={`Evaluating step ${job.step}`}
        value={job.done}
        max={job.total}
        secondsLeft={secondsLeft}
        detail={`${job.mode === 'live' ? 'live, ' : ''}${stage}`}
      />
      <button type="button" onClick={() => cancelEvaluation(job.jobId)}>
        Cancel evaluation of step {job.step}
      </button>
    </div>
  );
}
