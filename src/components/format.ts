/** Formatting of durations, rates and counts for the page. */

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatRate(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `– ${unit}`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction < 0.01 ? 2 : 1)} %`;
}

/** Seconds left from the share done so far and the time it took. */
export function estimateSecondsLeft(done: number, total: number, elapsedSeconds: number): number {
  if (done <= 0 || total <= 0) return Number.NaN;
  return (elapsedSeconds * (total - done)) / done;
}
