import { useEffect } from 'react';
import { useLabStore } from '../../state/store';
import { ExperimentCard } from './ExperimentCard';
import { ExperimentForm } from './ExperimentForm';
import { refreshExperiments } from './experiment-client';

/** Queued and finished experiments, newest first, below the form that queues one. */
export function ExperimentsPage() {
  const experiments = useLabStore((state) => state.experiments);
  useEffect(() => {
    void refreshExperiments();
  }, []);
  return (
    <>
      <ExperimentForm />
      {experiments.map((experiment) => (
        <ExperimentCard key={experiment.id} experiment={experiment} />
      ))}
    </>
  );
}
