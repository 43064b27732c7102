import { CheckboxField, NumberField, SelectField } from '../../components/fields';
import { LABEL_PRESETS } from '../../preprocess/label-presets';
import { SLICE_SIZES, type IngestOptions } from '../../preprocess/slice-dataset';

interface IngestOptionsFormProps {
  value: IngestOptions;
  onChange(options: IngestOptions): void;
}

const MODALITIES: { value: IngestOptions['modality']; title: string }[] = [
  { value: 'auto', title: 'Detect per file' },
  { value: 'mri', title: 'MRI: 0.5-99.5 percentile' },
  { value: 'ct', title: 'CT: Hounsfield window' },
  { value: 'rgb', title: 'RGB: per channel' },
];

/** How dropped folders become slices: size, intensity mapping, classes, split. */
export function IngestOptionsForm({ value, onChange }: IngestOptionsFormProps) {
  const set = (change: Partial<IngestOptions>) => onChange({ ...value, ...change });
  const presetId = LABEL_PRESETS.find((p) => JSON.stringify(p.scheme) === JSON.stringify(value.labels))?.id ?? 'detect';

  return (
    <fieldset className="form-grid">
      <legend>Preprocessing</legend>
      <SelectField label="Slice size" value={value.size} options={SLICE_SIZES.map((size) => ({ value: size, title: `${size} x ${size}` }))} onChange={(size) => set({ size })} />
      <SelectField label="Intensity normalisation" value={value.modality} options={MODALITIES} onChange={(modality) => set({ modality })} />
      <NumberField label="CT window width (HU)" value={value.ctWindow.width} min={1} onChange={(width) => set({ ctWindow: { ...value.ctWindow, width } })} />
      <NumberField label="CT window level (HU)" value={value.ctWindow.level} onChange={(level) => set({ ctWindow: { ...value.ctWindow, level } })} />
      <SelectField
        label="Classes"
        value={presetId}
        options={LABEL_PRESETS.map((preset) => ({ value: preset.id, title: preset.title }))}
        onChange={(id) => set({ labels: LABEL_PRESETS.find((p) => p.id === id)?.scheme ?? null })}
      />
      <SelectField
        label="Square slices by"
        value={value.squareFit ?? 'pad'}
        options={[
          { value: 'pad', title: 'Padding the short side' },
          { value: 'crop', title: 'Cropping the long side' },
        ]}
        onChange={(squareFit) => set({ squareFit })}
      />
      <NumberField label="Test split (share of subjects)" value={value.testFraction} min={0} max={0.9} step={0.05} onChange={(testFraction) => set({ testFraction })} />
      <NumberField label="Split seed" value={value.seed} step={1} onChange={(seed) => set({ seed })} />
      <CheckboxField label="Drop slices without foreground" checked={value.dropEmptySlices} onChange={(dropEmptySlices) => set({ dropEmptySlices })} />
    </fieldset>
  );
}
