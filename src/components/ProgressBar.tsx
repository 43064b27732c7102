import { formatDuration } from './format';

interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** Seconds left; null while unknown (shown as estimating), undefined to show nothing. */
  secondsLeft?: number | null;
  detail?: string;
}

/** A labelled progress bar with the estimated time left. */
export function ProgressBar({ label, value, max, secondsLeft, detail }: ProgressBarProps) {
  const percent = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  return (
    <div className="progress">
      <progress aria-label={label} value={value} max={max || 1} />
      <span className="progress-text" aria-live="polite">
        {percent.toFixed(0)} %{timeLeft(secondsLeft)}
        {detail ? ` · ${detail}` : ''}
      </span>
    </div>
  );
}

function timeLeft(secondsLeft: number | null | undefined): string {
  if (secondsLeft === undefined) return '';
  return secondsLeft === null ? ' · estimating time left' : ` · ${formatDuration(secondsLeft)} left`;
}
