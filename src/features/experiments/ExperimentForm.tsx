import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { CheckboxField, NumberField, SelectField, TextField } from '../../components/fields';
import type { CheckpointChoice, ExperimentOptions } from '../../ml/experiments/experiment-record';
import type { TrainingSetKind } from '../../ml/experiments/experiment-table';
import { describeExtractorRef, extractorRefOf } from '../../ml/metrics/extractor-refs';
import { TRAINING_BACKENDS, type BackendPreference } from '../../protocol/backend';
import { useLabStore } from '../../state/store';
import { refreshExtractors } from '../metrics/extractor-actions';
import { queueExperiment } from './experiment-client';

const SET_TITLES: Record<TrainingSetKind, string> = {
  real: 'Original data',
  augmented: 'Augmented original data',
  synthetic: 'Synthetic data only',
  'real+synthetic': 'Original + synthetic data',
};

const DEFAULT_OPTIONS: ExperimentOptions = {
  unet: { filters: 16, epochs: 20, batchSize: 16, learningRate: 0.001 },
  syntheticCount: 10_000,
  fidelitySamples: 1000,
  extractor: null,
  domainFid: true,
  seed: 1,
};

/** A new experiment: which training sets, which GAN checkpoints, and the U-Net's settings. */
export function ExperimentForm() {
  const datasets = useLabStore((state) => state.datasets);
  const extractors = useLabStore((state) => state.extractors);
  const runs = useLabStore(useShallow((state) => state.runs.filter((run) => run.lastCheckpointStep !== null)));
  const showNotice = useLabStore((state) => state.showNotice);
  const [datasetId, setDatasetId] = useState(datasets[0]?.id ?? '');
  const [name, setName] = useState('');
  // The synthetic sets are ticked once a GAN checkpoint is, since they cannot run without one.
  const [sets, setSets] = useState<TrainingSetKind[]>(['real', 'augmented']);
  const [runIds, setRunIds] = useState<string[]>([]);
  const [options, setOptions] = useState<ExperimentOptions>(DEFAULT_OPTIONS);
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const candidates = runs.filter((run) => run.datasetId === dataset?.id);
  const refs = extractors.map(extractorRefOf).filter((ref) => ref !== null && ref.kind === 'inception');
  const unet = options.unet;
  const setUnet = (change: Partial<ExperimentOptions['unet']>) => setOptions({ ...options, unet: { ...unet, ...change } });

  useEffect(() => {
    void refreshExtractors();
  }, []);

  const submit = async () => {
    if (!dataset) return;
    const checkpoints: CheckpointChoice[] = candidates
      .filter((run) => runIds.includes(run.id))
      .map((run) => ({ runId: run.id, runName: run.name, gan: run.config.gan, step: run.lastCheckpointStep! }));
    try {
      await queueExperiment({ name: name || `Experiment on ${dataset.name}`, dataset, sets, checkpoints, options }, backend);
    } catch (error) {
      showNotice({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <form
      className="panel"
      aria-labelledby="experiment-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="experiment-form-heading">New experiment</h2>
      <p>
        Trains a U-Net on each chosen training set and measures Dice on the real test split, as the GAN study did; each GAN is also
        scored by FID and KID.
      </p>
      <fieldset className="form-grid">
        <legend>Data</legend>
        <TextField label="Experiment name" value={name} placeholder="named after the dataset" onChange={setName} />
        <SelectField<string>
          label="Experiment dataset"
          value={dataset?.id ?? ''}
          options={datasets.map((d) => ({ value: d.id, title: `${d.name} (${d.size} x ${d.size})` }))}
          onChange={setDatasetId}
        />
        {(Object.keys(SET_TITLES) as TrainingSetKind[]).map((set) => (
          <CheckboxField key={set} label={SET_TITLES[set]} checked={sets.includes(set)} onChange={(on) => setSets(on ? [...sets, set] : sets.filter((s) => s !== set))} />
        ))}
      </fieldset>
      <fieldset className="form-grid">
        <legend>GAN checkpoints</legend>
        {candidates.length === 0 && <p>No GAN run on this dataset has a checkpoint yet.</p>}
        {candidates.map((run) => (
          <CheckboxField
            key={run.id}
            label={`${run.name} (step ${run.lastCheckpointStep})`}
            checked={runIds.includes(run.id)}
            onChange={(on) => {
              setRunIds(on ? [...runIds, run.id] : runIds.filter((id) => id !== run.id));
              if (on && runIds.length === 0) setSets([...new Set<TrainingSetKind>([...sets, 'synthetic', 'real+synthetic'])]);
            }}
          />
        ))}
        <NumberField label="Synthetic pairs per GAN" value={options.syntheticCount} min={1} step={1} onChange={(syntheticCount) => setOptions({ ...options, syntheticCount })} />
        <NumberField label="Samples for FID and KID" value={options.fidelitySamples} min={2} step={1} onChange={(fidelitySamples) => setOptions({ ...options, fidelitySamples })} />
        <SelectField<number>
          label="Inception extractor"
          value={refs.findIndex((ref) => ref!.sha256 === options.extractor?.sha256)}
          options={[{ value: -1, title: 'None (no Inception FID)' }, ...refs.map((ref, i) => ({ value: i, title: describeExtractorRef(ref!) }))]}
          onChange={(i) => setOptions({ ...options, extractor: refs[i] ?? null })}
        />
        <CheckboxField label="FID in the U-Net's features" checked={options.domainFid} onChange={(domainFid) => setOptions({ ...options, domainFid })} />
      </fieldset>
      <fieldset className="form-grid">
        <legend>U-Net</legend>
        <NumberField label="U-Net filters" value={unet.filters} min={1} step={1} onChange={(filters) => setUnet({ filters })} />
        <NumberField label="U-Net epochs" value={unet.epochs} min={1} step={1} onChange={(epochs) => setUnet({ epochs })} />
        <NumberField label="U-Net batch size" value={unet.batchSize} min={1} step={1} onChange={(batchSize) => setUnet({ batchSize })} />
        <NumberField label="U-Net learning rate" value={unet.learningRate} min={0} onChange={(learningRate) => setUnet({ learningRate })} />
        <NumberField label="Experiment seed" value={options.seed} step={1} onChange={(seed) => setOptions({ ...options, seed })} />
        <SelectField<BackendPreference>
          label="Experiment backend"
          value={backend}
          options={[{ value: 'auto', title: 'Fastest available' }, ...TRAINING_BACKENDS.map((b) => ({ value: b, title: b }))]}
          onChange={setBackend}
        />
      </fieldset>
      <button type="submit" disabled={!dataset}>
        Queue experiment
      </button>
    </form>
  );
}
