/**
 * Form fields with a label bound by id, so that each control's accessible
 * name is its label alone (a wrapping label would add a select's option text),
 * and with the field's validation message tied to it by aria-describedby.
 */

import { useId, type ReactNode } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string;
  children: ReactNode;
}

function FieldFrame({ id, label, error, children }: FieldFrameProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

interface NumberFieldProps {
  label: string;
  value: number;
  onChange(value: number): void;
  min?: number;
  max?: number;
  step?: number | 'any';
  error?: string;
  disabled?: boolean;
  /** Why the field is disabled, shown under it. */
  note?: string;
  /** Values offered in the input's suggestion list (the study's grid); any other value may be typed. */
  suggestions?: readonly number[];
}

export function NumberField({ label, value, onChange, min, max, step = 'any', error, disabled, note, suggestions }: NumberFieldProps) {
  const id = useId();
  const described = [error ? `${id}-error` : '', note ? `${id}-note` : ''].filter(Boolean).join(' ');
  return (
    <FieldFrame id={id} label={label} error={error}>
      <input
        id={id}
        type="number"
        value={Number.isNaN(value) ? '' : value}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        list={suggestions ? `${id}-values` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value === '' ? Number.NaN : Number(event.target.value))}
      />
      {suggestions && (
        <datalist id={`${id}-values`}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      {note && (
        <span id={`${id}-note`} className="field-note">
          {note}
        </span>
      )}
    </FieldFrame>
  );
}

export interface SelectOption<T> {
  value: T;
  title: string;
}

interface SelectFieldProps<T extends string | number> {
  label: string;
  value: T;
  options: SelectOption<T>[];
  onChange(value: T): void;
  error?: string;
  disabled?: boolean;
  /** Why the field is disabled, shown under it. */
  note?: string;
}

export function SelectField<T extends string | number>({ label, value, options, onChange, error, disabled, note }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error}>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : note ? `${id}-note` : undefined}
        onChange={(event) => {
          const picked = options.find((option) => String(option.value) === event.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.title}
          </option>
        ))}
      </select>
      {note && (
        <span id={`${id}-note`} className="field-note">
          {note}
        </span>
      )}
    </FieldFrame>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
}

export function TextField({ label, value, onChange, placeholder }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label}>
      <input id={id} type="text" value={value} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />
    </FieldFrame>
  );
}

interface CheckboxFieldProps {
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
  disabled?: boolean;
  error?: string;
}

export function CheckboxField({ label, checked, onChange, disabled, error }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
