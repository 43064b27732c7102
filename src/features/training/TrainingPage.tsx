import { useLabStore } from '../../state/store';
import { LiveRunView } from './LiveRunView';
import { RunForm } from './RunForm';

export function TrainingPage() {
  const run = useLabStore((state) => state.runs.find((r) => r.id === state.selectedRunId));
  return (
    <>
      <RunForm />
      {run && <LiveRunView run={run} />}
    </>
  );
}
