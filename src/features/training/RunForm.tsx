import { useState } from 'react';
import { NumberField, SelectField, TextField } from '../../components/fields';
import { GAN_KINDS, type GanKind, type RunConfig } from '../../ml/training/config';
import { DEFAULT_RUN_CONFIG } from '../../ml/training/defaults';
import { TRAINING_BACKENDS, type BackendPreference } from '../../protocol/backend';
import { useLabStore } from '../../state/store';
import type { DatasetRecord } from '../../storage/dataset-record';
import { createRun, startTraining } from './training-client';

const GAN_TITLES: Record<GanKind, string> = {
  dcgan: 'DCGAN',
  lsgan: 'LSGAN',
  wgan: 'WGAN',
  'wgan-gp': 'WGAN-GP',
  hinge: 'HingeGAN',
};

/** The configuration of a new run, fixed by its dataset where the dataset decides. */
export function RunForm() {
  const datasets = useLabStore((state) => state.datasets);
  const selectedDatasetId = useLabStore((state) => state.selectedDatasetId);
  const navigate = useLabStore((state) => state.navigate);
  const [datasetId, setDatasetId] = useState(selectedDatasetId ?? datasets[0]?.id ?? '');
  const [config, setConfig] = useState<RunConfig>(DEFAULT_RUN_CONFIG);
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const [name, setName] = useState('');
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const set = (change: Partial<RunConfig>) => setConfig({ ...config, ...change });

  const start = async (target: DatasetRecord) => {
    const runConfig = withDataset(config, target);
    const run = await createRun(target, runConfig, name || `${GAN_TITLES[config.gan]} on ${target.name}`);
    navigate('training', { runId: run.id, datasetId: target.id });
    startTraining(run.id, { resume: false, backend });
  };

  return (
    <form
      className="panel"
      aria-labelledby="run-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (dataset) void start(dataset);
      }}
    >
      <h2 id="run-form-heading">New training run</h2>
      <fieldset className="form-grid">
        <legend>Run</legend>
        <SelectField<string>
          label="Dataset"
          value={dataset?.id ?? ''}
          options={datasets.map((d) => ({ value: d.id, title: `${d.name} (${d.size} x ${d.size})` }))}
          onChange={setDatasetId}
        />
        <SelectField label="GAN" value={config.gan} options={GAN_KINDS.map((gan) => ({ value: gan, title: GAN_TITLES[gan] }))} onChange={(gan: GanKind) => set({ gan })} />
        <TextField label="Run name" value={name} placeholder="named after the GAN and dataset" onChange={setName} />
        <NumberField label="Total steps" value={config.totalSteps} min={1} onChange={(totalSteps) => set({ totalSteps })} />
        <NumberField label="Batch size" value={config.batchSize} min={1} onChange={(batchSize) => set({ batchSize })} />
        <NumberField label="Latent size" value={config.latentSize} min={1} onChange={(latentSize) => set({ latentSize })} />
        <NumberField
          label="Generator filters"
          value={config.generator.filters}
          min={1}
          onChange={(filters) => set({ generator: { ...config.generator, filters } })}
        />
        <NumberField
          label="Discriminator filters"
          value={config.discriminator.filters}
          min={1}
          onChange={(filters) => set({ discriminator: { ...config.discriminator, filters } })}
        />
        <NumberField label="Checkpoint every (steps)" value={config.checkpointInterval} min={1} onChange={(checkpointInterval) => set({ checkpointInterval })} />
        <NumberField label="Refresh samples every (images)" value={config.sampleInterval} min={1} onChange={(sampleInterval) => set({ sampleInterval })} />
        <NumberField label="Seed" value={config.seed} onChange={(seed) => set({ seed })} />
        <SelectField<BackendPreference>
          label="Backend"
          value={backend}
          options={[{ value: 'auto', title: 'Fastest available' }, ...TRAINING_BACKENDS.map((b) => ({ value: b, title: b }))]}
          onChange={setBackend}
        />
      </fieldset>
      <button type="submit" disabled={!dataset}>
        Start training
      </button>
    </form>
  );
}

/** The dataset fixes the resolution, the image channels and the classes. */
export function withDataset(config: RunConfig, dataset: DatasetRecord): RunConfig {
  return { ...config, resolution: dataset.size, imageChannels: dataset.imageChannels, numClasses: dataset.classes.length };
}
