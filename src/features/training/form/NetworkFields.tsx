import { CheckboxField, NumberField, SelectField } from '../../../components/fields';
import type { NetworkOptions } from '../../../ml/training/config';
import { ACTIVATION_TITLES, NORMALIZATION_TITLES, optionsOf, STUDY_VALUES } from './study-values';

interface NetworkFieldsProps {
  /** `generator` or `discriminator`: names the fields and their errors. */
  role: 'generator' | 'discriminator';
  value: NetworkOptions;
  onChange(value: NetworkOptions): void;
  errors: Record<string, string>;
}

const TITLES = { generator: 'Generator', discriminator: 'Discriminator' } as const;

/** Width, activation, normalisation, spectral norm and learning rate of one network. */
export function NetworkFields({ role, value, onChange, errors }: NetworkFieldsProps) {
  const title = TITLES[role];
  const set = (change: Partial<NetworkOptions>) => onChange({ ...value, ...change });
  return (
    <fieldset className="form-grid">
      <legend>{title}</legend>
      <NumberField label={`${title} filters`} value={value.filters} min={1} step={1} suggestions={STUDY_VALUES.filters} error={errors[`${role}.filters`]} onChange={(filters) => set({ filters })} />
      <SelectField label={`${title} activation`} value={value.activation} options={optionsOf(ACTIVATION_TITLES)} error={errors[`${role}.activation`]} onChange={(activation) => set({ activation })} />
      <SelectField
        label={`${title} normalisation`}
        value={value.normalization}
        options={optionsOf(NORMALIZATION_TITLES)}
        error={errors[`${role}.normalization`]}
        onChange={(normalization) => set({ normalization })}
      />
      <NumberField
        label={`${title} learning rate`}
        value={value.learningRate}
        min={0}
        suggestions={STUDY_VALUES.learningRate}
        error={errors[`${role}.learningRate`]}
        onChange={(learningRate) => set({ learningRate })}
      />
      <CheckboxField label={`${title} spectral norm`} checked={value.spectralNorm} onChange={(spectralNorm) => set({ spectralNorm })} />
    </fieldset>
  );
}
