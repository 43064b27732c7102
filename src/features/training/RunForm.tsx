import { useEffect, useState } from 'react';
import { CheckboxField, NumberField, SelectField, TextField } from '../../components/fields';
import { DIFF_AUGMENT_POLICIES, GAN_KINDS, INIT_SCHEMES, type DiffAugmentPolicy, type RunConfig } from '../../ml/training/config';
import { describeExtractorRef, extractorRefOf, sameExtractor } from '../../ml/metrics/extractor-refs';
import { DEFAULT_RUN_CONFIG } from '../../ml/training/defaults';
import { applyPreset, GAN_PRESETS } from '../../ml/training/presets';
import { TRAINING_BACKENDS, type BackendPreference } from '../../protocol/backend';
import { useLabStore } from '../../state/store';
import { refreshExtractors } from '../metrics/extractor-actions';
import { NetworkFields } from './form/NetworkFields';
import { resolveForm, type Duration, type DurationUnit } from './form/run-form-model';
import { INIT_TITLES, POLICY_TITLES, STUDY_VALUES } from './form/study-values';
import { VggWeightsField } from './form/VggWeightsField';
import { createRun, startTraining } from './training-client';

/** Every option of a new run: the GAN with its paper's preset, and each of the study's hyperparameters. */
export function RunForm() {
  const datasets = useLabStore((state) => state.datasets);
  const selectedDatasetId = useLabStore((state) => state.selectedDatasetId);
  const navigate = useLabStore((state) => state.navigate);
  const [datasetId, setDatasetId] = useState(selectedDatasetId ?? datasets[0]?.id ?? '');
  const [config, setConfig] = useState<RunConfig>(() => applyPreset(DEFAULT_RUN_CONFIG, DEFAULT_RUN_CONFIG.gan));
  const [duration, setDuration] = useState<Duration>({ unit: 'steps', value: DEFAULT_RUN_CONFIG.totalSteps });
  const [backend, setBackend] = useState<BackendPreference>('auto');
  const [name, setName] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const dataset = datasets.find((d) => d.id === datasetId) ?? datasets[0];
  const set = (change: Partial<RunConfig>) => setConfig({ ...config, ...change });
  const { config: resolved, errors } = resolveForm(config, duration, dataset);
  const shown = showErrors ? errors : {};

  const submit = async () => {
    setShowErrors(true);
    if (Object.keys(errors).length > 0 || !dataset) return;
    const run = await createRun(dataset, resolved, name || `${GAN_PRESETS[config.gan].title} on ${dataset.name}`);
    navigate('training', { runId: run.id, datasetId: dataset.id });
    startTraining(run.id, { resume: false, backend });
  };

  return (
    <form
      className="panel"
      aria-labelledby="run-form-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="run-form-heading">New training run</h2>
      <fieldset className="form-grid">
        <legend>Run</legend>
        <SelectField<string>
          label="Dataset"
          value={dataset?.id ?? ''}
          options={datasets.map((d) => ({ value: d.id, title: `${d.name} (${d.size} x ${d.size})` }))}
          error={shown.dataset}
          onChange={setDatasetId}
        />
        <SelectField
          label="GAN"
          value={config.gan}
          options={GAN_KINDS.map((gan) => ({ value: gan, title: GAN_PRESETS[gan].title }))}
          note={`Preset: ${GAN_PRESETS[config.gan].source}`}
          onChange={(gan) => setConfig(applyPreset(config, gan))}
        />
        <TextField label="Run name" value={name} placeholder="named after the GAN and dataset" onChange={setName} />
        <SelectField<BackendPreference>
          label="Backend"
          value={backend}
          options={[{ value: 'auto', title: 'Fastest available' }, ...TRAINING_BACKENDS.map((b) => ({ value: b, title: b }))]}
          onChange={setBackend}
        />
        <NumberField label="Seed" value={config.seed} step={1} error={shown.seed} onChange={(seed) => set({ seed })} />
      </fieldset>

      <fieldset className="form-grid">
        <legend>Length and batches</legend>
        <NumberField label="Train for" value={duration.value} min={1} error={shown.totalSteps} onChange={(value) => setDuration({ ...duration, value })} />
        <SelectField<DurationUnit>
          label="Length unit"
          value={duration.unit}
          options={[
            { value: 'steps', title: 'generator steps' },
            { value: 'kimg', title: 'kimg (thousands of real images)' },
          ]}
          note={duration.unit === 'kimg' ? `${resolved.totalSteps} generator steps` : undefined}
          onChange={(unit) => setDuration({ ...duration, unit })}
        />
        <NumberField label="Batch size" value={config.batchSize} min={1} step={1} error={shown.batchSize} onChange={(batchSize) => set({ batchSize })} />
        <NumberField label="Latent size" value={config.latentSize} min={1} step={1} error={shown.latentSize} onChange={(latentSize) => set({ latentSize })} />
        <NumberField label="Critic steps per generator step" value={config.criticSteps} min={1} step={1} error={shown.criticSteps} onChange={(criticSteps) => set({ criticSteps })} />
        <NumberField label="Checkpoint every (steps)" value={config.checkpointInterval} min={1} step={1} error={shown.checkpointInterval} onChange={(checkpointInterval) => set({ checkpointInterval })} />
        <NumberField label="Refresh samples every (images)" value={config.sampleInterval} min={1} step={1} error={shown.sampleInterval} onChange={(sampleInterval) => set({ sampleInterval })} />
      </fieldset>

      <NetworkFields role="generator" value={config.generator} errors={shown} onChange={(generator) => set({ generator })} />
      <NetworkFields role="discriminator" value={config.discriminator} errors={shown} onChange={(discriminator) => set({ discriminator })} />
      <OptimisationFields config={config} errors={shown} set={set} />
      <RegularisationFields config={config} errors={shown} set={set} />
      <AugmentationFields config={config} errors={shown} set={set} />
      <LiveMetricsFields config={config} errors={shown} set={set} />

      {showErrors && Object.keys(errors).length > 0 && (
        <p role="alert" className="field-error">
          The run was not started: {Object.keys(errors).length} field(s) need a valid value.
        </p>
      )}
      <button type="submit">Start training</button>
    </form>
  );
}

interface SectionProps {
  config: RunConfig;
  errors: Record<string, string>;
  set(change: Partial<RunConfig>): void;
}

function OptimisationFields({ config, errors, set }: SectionProps) {
  return (
    <fieldset className="form-grid">
      <legend>Initialisation and optimiser</legend>
      <SelectField
        label="Weight initialisation"
        value={config.init.scheme}
        options={INIT_SCHEMES.map((scheme) => ({ value: scheme, title: INIT_TITLES[scheme] }))}
        onChange={(scheme) => set({ init: { ...config.init, scheme } })}
      />
      <NumberField label="Initialisation gain" value={config.init.gain} min={0} suggestions={STUDY_VALUES.initGain} error={errors['init.gain']} onChange={(gain) => set({ init: { ...config.init, gain } })} />
      <SelectField
        label="Optimiser"
        value={config.optimizer.kind}
        options={[
          { value: 'adam', title: 'Adam' },
          { value: 'rmsprop', title: 'RMSprop' },
        ]}
        onChange={(kind) => set({ optimizer: { ...config.optimizer, kind } })}
      />
      <NumberField label="Adam beta1" value={config.optimizer.beta1} min={0} max={0.9999} error={errors['optimizer.beta1']} onChange={(beta1) => set({ optimizer: { ...config.optimizer, beta1 } })} />
      <NumberField label="Adam beta2" value={config.optimizer.beta2} min={0} max={0.9999} error={errors['optimizer.beta2']} onChange={(beta2) => set({ optimizer: { ...config.optimizer, beta2 } })} />
    </fieldset>
  );
}

function RegularisationFields({ config, errors, set }: SectionProps) {
  const noVgg = config.perceptualModel === null;
  return (
    <fieldset className="form-grid">
      <legend>Losses and regularisation</legend>
      <NumberField label="Gradient penalty weight" value={config.gradientPenalty} min={0} suggestions={STUDY_VALUES.gradientPenalty} error={errors.gradientPenalty} note={config.gan === 'wgan-gp' ? undefined : 'Used by WGAN-GP only.'} onChange={(gradientPenalty) => set({ gradientPenalty })} />
      <NumberField label="Weight clipping" value={config.weightClip} min={0} suggestions={STUDY_VALUES.weightClip} error={errors.weightClip} note="Critic weights are clipped to ± this value after each critic step; 0 is off." onChange={(weightClip) => set({ weightClip })} />
      <NumberField label="Feature matching weight" value={config.featureMatching} min={0} suggestions={STUDY_VALUES.featureMatching} error={errors.featureMatching} onChange={(featureMatching) => set({ featureMatching })} />
      <NumberField
        label="VGG perceptual weight"
        value={config.vggPerceptual}
        min={0}
        suggestions={STUDY_VALUES.vggPerceptual}
        disabled={noVgg}
        note={noVgg ? 'Disabled: load VGG-19 weights (a TensorFlow.js layers model) below to use the perceptual term.' : undefined}
        error={errors.vggPerceptual}
        onChange={(vggPerceptual) => set({ vggPerceptual })}
      />
      <VggWeightsField
        value={config.perceptualModel}
        onChange={(perceptualModel) => set({ perceptualModel, vggPerceptual: perceptualModel ? config.vggPerceptual : 0 })}
      />
      <CheckboxField
        label="One-sided label smoothing"
        checked={config.labelSmoothing.enabled}
        onChange={(enabled) => set({ labelSmoothing: { ...config.labelSmoothing, enabled } })}
      />
      <NumberField
        label="Real label target"
        value={config.labelSmoothing.realTarget}
        min={0.5}
        max={1}
        disabled={!config.labelSmoothing.enabled}
        error={errors['labelSmoothing.realTarget']}
        onChange={(realTarget) => set({ labelSmoothing: { ...config.labelSmoothing, realTarget } })}
      />
    </fieldset>
  );
}

function AugmentationFields({ config, errors, set }: SectionProps) {
  const togglePolicy = (policy: DiffAugmentPolicy, on: boolean) => {
    const policies = DIFF_AUGMENT_POLICIES.filter((p) => (p === policy ? on : config.diffAugment.policies.includes(p)));
    set({ diffAugment: { ...config.diffAugment, policies } });
  };
  return (
    <fieldset className="form-grid">
      <legend>Augmentation</legend>
      <CheckboxField label="DiffAugment" checked={config.diffAugment.enabled} error={errors['diffAugment.policies']} onChange={(enabled) => set({ diffAugment: { ...config.diffAugment, enabled } })} />
      {DIFF_AUGMENT_POLICIES.map((policy) => (
        <CheckboxField
          key={policy}
          label={`DiffAugment ${POLICY_TITLES[policy].toLowerCase()}`}
          checked={config.diffAugment.policies.includes(policy)}
          disabled={!config.diffAugment.enabled}
          onChange={(on) => togglePolicy(policy, on)}
        />
      ))}
      <CheckboxField label="Augment the real images (flips, rotations, shifts)" checked={config.augmentReal} onChange={(augmentReal) => set({ augmentReal })} />
    </fieldset>
  );
}

function LiveMetricsFields({ config, errors, set }: SectionProps) {
  const extractors = useLabStore((state) => state.extractors);
  const refs = extractors.map(extractorRefOf).filter((ref) => ref !== null);
  const live = config.liveMetrics;
  const chosen = refs.findIndex((ref) => sameExtractor(ref, live.extractor));
  useEffect(() => {
    void refreshExtractors();
  }, []);
  return (
    <fieldset className="form-grid">
      <legend>Live FID and KID</legend>
      <SelectField<number>
        label="Live metrics extractor"
        value={chosen}
        options={[{ value: -1, title: 'None (live metrics off)' }, ...refs.map((ref, i) => ({ value: i, title: describeExtractorRef(ref) }))]}
        disabled={refs.length === 0}
        note={refs.length === 0 ? 'Disabled: add a feature extractor on the Metrics page first.' : undefined}
        onChange={(i) => set({ liveMetrics: { ...live, extractor: refs[i] ?? null, interval: refs[i] ? live.interval || 100 : 0 } })}
      />
      <NumberField
        label="Evaluate every (steps)"
        value={live.interval}
        min={0}
        step={1}
        disabled={!live.extractor}
        error={errors['liveMetrics.interval']}
        onChange={(interval) => set({ liveMetrics: { ...live, interval } })}
      />
      <NumberField
        label="Samples per evaluation"
        value={live.samples}
        min={2}
        step={1}
        disabled={!live.extractor}
        error={errors['liveMetrics.samples']}
        onChange={(samples) => set({ liveMetrics: { ...live, samples } })}
      />
    </fieldset>
  );
}
