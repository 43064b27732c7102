/** Web Lock names that mark a run as trained by a live worker. */

const PREFIX = 'gan-lab-run:';

export function runLockName(runId: string): string {
  return `${PREFIX}${runId}`;
}

/** Ids of runs whose worker holds its lock now, in any tab of this origin. */
export async function liveRunIds(): Promise<Set<string>> {
  const snapshot = await navigator.locks.query();
  const names = [...(snapshot.held ?? []), ...(snapshot.pending ?? [])].map((lock) => lock.name ?? '');
  return new Set(names.filter((name) => name.startsWith(PREFIX)).map((name) => name.slice(PREFIX.length)));
}
