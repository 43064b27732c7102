import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CheckboxField, NumberField, SelectField } from '../../components/fields';
import { describeExtractorRef, extractorRefOf } from '../../ml/metrics/extractor-refs';
import type { MetricName } from '../../protocol/metrics';
import { useLabStore } from '../../state/store';
import { openLabDatabase } from '../../storage/db';
import { listCheckpointSteps } from '../../storage/runs';
import { EvaluationProgress } from './EvaluationProgress';
import { ExtractorPanel } from './ExtractorPanel';
import { refreshExtractors } from './extractor-actions';
import { FidelityTable } from './FidelityTable';
import { MemorizationPairs } from './MemorizationPairs';
import { ALL_METRICS, loadFidelity, requestEvaluation } from './metrics-client';

const METRIC_TITLES: Record<MetricName, string> = {
  fid: 'FID',
  kid: 'KID',
  'precision-recall': 'Precision and recall',
  memorization: 'Memorisation',
};

/** All metrics for any stored checkpoint, on demand, kept with the run. */
export function MetricsPage() {
  const runs = useLabStore(useShallow((state) => state.runs.filter((run) => run.lastCheckpointStep !== null)));
  const selectedRunId = useLabStore((state) => state.selectedRunId);
  const extractors = useLabStore((state) => state.extractors);
  const evaluations = useLabStore((state) => state.evaluations);
  const [runId, setRunId] = useState(selectedRunId ?? '');
  const run = runs.find((r) => r.id === runId) ?? runs[0];
  const records = useLabStore((state) => (run ? state.fidelity[run.id] : undefined)) ?? [];
  const [steps, setSteps] = useState<number[]>([]);
  const [step, setStep] = useState<number | null>(null);
  const refs = extractors.map(extractorRefOf).filter((ref) => ref !== null);
  const [extractorIndex, setExtractorIndex] = useState(0);
  const [samples, setSamples] = useState(1000);
  const [metrics, setMetrics] = useState<MetricName[]>(ALL_METRICS);

  useEffect(() => {
    void refreshExtractors();
  }, []);
  useEffect(() => {
    if (!run) return;
    void loadFidelity(run.id);
    void openLabDatabase()
      .then((db) => listCheckpointSteps(db, run.id))
      .then((found) => {
        setSteps(found);
        setStep(found[found.length - 1] ?? null);
      });
  }, [run?.id, run?.lastCheckpointStep]);

  const extractor = refs[extractorIndex] ?? null;
  const jobs = Object.values(evaluations).filter((job) => job.runId === run?.id);
  const latestWithPairs = [...records].reverse().find((r) => r.memorization?.length);

  return (
    <>
      <ExtractorPanel />
      <section aria-labelledby="evaluate-heading" className="panel">
        <h2 id="evaluate-heading">Evaluate a checkpoint</h2>
        {runs.length === 0 ? (
          <p>No run has a checkpoint yet.</p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (run && step !== null && extractor) requestEvaluation(run, step, extractor, samples, metrics);
            }}
          >
            <fieldset className="form-grid">
              <legend>Checkpoint and metrics</legend>
              <SelectField<string> label="Run" value={run?.id ?? ''} options={runs.map((r) => ({ value: r.id, title: r.name }))} onChange={setRunId} />
              <SelectField<number> label="Checkpoint step" value={step ?? -1} options={steps.map((s) => ({ value: s, title: `step ${s}` }))} onChange={setStep} />
              <SelectField<number>
                label="Feature extractor"
                value={extractorIndex}
                options={refs.map((ref, i) => ({ value: i, title: describeExtractorRef(ref) }))}
                disabled={refs.length === 0}
                note={refs.length === 0 ? 'Disabled: add Inception weights or another extractor above.' : undefined}
                onChange={setExtractorIndex}
              />
              <NumberField label="Generated samples" value={samples} min={2} step={1} onChange={setSamples} />
              {ALL_METRICS.map((metric) => (
                <CheckboxField
                  key={metric}
                  label={METRIC_TITLES[metric]}
                  checked={metrics.includes(metric)}
                  onChange={(on) => setMetrics(ALL_METRICS.filter((m) => (m === metric ? on : metrics.includes(m))))}
                />
              ))}
            </fieldset>
            <button type="submit" disabled={!extractor || step === null || metrics.length === 0}>
              Compute metrics
            </button>
          </form>
        )}
        {jobs.map((job) => (
          <EvaluationProgress key={job.jobId} job={job} />
        ))}
      </section>
      {run && (
        <section aria-labelledby="results-heading" className="panel">
          <h2 id="results-heading">Results of {run.name}</h2>
          <FidelityTable records={records} />
          {latestWithPairs?.memorization?.map((result) => (
            <MemorizationPairs key={result.space} result={result} side={run.config.resolution} channels={run.config.imageChannels} />
          ))}
        </section>
      )}
    </>
  );
}
