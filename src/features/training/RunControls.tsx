import { useState } from 'react';
import { SelectField } from '../../components/fields';
import { TRAINING_BACKENDS, type BackendPreference } from '../../protocol/backend';
import type { RunRecord } from '../../storage/schema';
import { useLabStore } from '../../state/store';
import { isTraining, sendControl, startTraining } from './training-client';

/** Pause, resume and stop for a live run; resume from the last checkpoint for a stopped or interrupted one. */
export function RunControls({ run, status }: { run: RunRecord; status: string }) {
  useLabStore((state) => state.live[run.id]?.status);
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const live = isTraining(run.id);
  const canContinue = !live && run.step < run.config.totalSteps && ['created', 'stopped', 'interrupted', 'failed', 'paused'].includes(run.status);

  return (
    <div className="actions" role="group" aria-label="Run controls">
      {live && status === 'running' && (
        <button type="button" onClick={() => sendControl(run.id, 'pause')}>
          Pause
        </button>
      )}
      {live && status === 'paused' && (
        <button type="button" onClick={() => sendControl(run.id, 'resume')}>
          Resume
        </button>
      )}
      {live && (status === 'running' || status === 'paused') && (
        <button type="button" onClick={() => sendControl(run.id, 'stop')}>
          Stop
        </button>
      )}
      {canContinue && (
        <>
          <SelectField<BackendPreference>
            label="Continue on backend"
            value={backend}
            options={[{ value: 'auto', title: 'Fastest available' }, ...TRAINING_BACKENDS.map((b) => ({ value: b, title: b }))]}
            note={run.backend ? `Last trained on ${run.backend}; the same backend resumes it exactly.` : undefined}
            onChange={setBackend}
          />
          <button type="button" onClick={() => startTraining(run.id, { resume: run.lastCheckpointStep !== null, backend })}>
            {run.lastCheckpointStep !== null ? `Resume from step ${run.lastCheckpointStep}` : 'Start training'}
          </button>
        </>
      )}
    </div>
  );
}
