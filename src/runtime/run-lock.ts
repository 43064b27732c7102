/** Web Lock names that mark a run or an experiment as worked on by a live worker. */

const RUN_PREFIX = 'gan-lab-run:';
const EXPERIMENT_PREFIX = 'gan-lab-experiment:';

export function runLockName(runId: string): string {
  return `${RUN_PREFIX}${runId}`;
}

export function experimentLockName(experimentId: string): string {
  return `${EXPERIMENT_PREFIX}${experimentId}`;
}

async function heldIds(prefix: string): Promise<Set<string>> {
  const snapshot = await navigator.locks.query();
  const names = [...(snapshot.held ?? []), ...(snapshot.pending ?? [])].map((lock) => lock.name ?? '');
  return new Set(names.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)));
}

/** Ids of runs whose worker holds its lock now, in any tab of this origin. */
export function liveRunIds(): Promise<Set<string>> {
  return heldIds(RUN_PREFIX);
}

export function liveExperimentIds(): Promise<Set<string>> {
  return heldIds(EXPERIMENT_PREFIX);
}
