import { ProgressBar } from '../../components/ProgressBar';
import { estimateSecondsLeft } from '../../components/format';
import type { IngestJob } from '../../state/store';
import { cancelIngest } from './ingest-client';

/** Progress of the running ingest, with its cancel button, or how the last one ended. */
export function IngestProgress({ job }: { job: IngestJob }) {
  if (job.status === 'cancelled') return <p role="status">Adding {job.name} was cancelled; nothing was stored.</p>;
  if (job.status === 'failed') return <p role="alert">Adding {job.name} failed: {job.error?.message}</p>;
  if (job.status === 'done') return <p role="status">Added {job.name}.</p>;

  const elapsed = (performance.now() - job.startedAt) / 1000;
  const secondsLeft = estimateSecondsLeft(job.bytesDone, job.bytesTotal, elapsed);
  return (
    <div className="ingest-progress">
      <ProgressBar
        label={`Adding ${job.name}`}
        value={job.bytesDone}
        max={job.bytesTotal}
        secondsLeft={Number.isFinite(secondsLeft) ? secondsLeft : null}
        detail={job.total ? `pair ${Math.min(job.done + 1, job.total)} of ${job.total}${job.file ? `: ${job.file}` : ''}` : 'pairing files'}
      />
      <button type="button" onClick={cancelIngest}>
        Cancel import
      </button>
    </div>
  );
}
