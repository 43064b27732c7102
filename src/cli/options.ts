/**
 * Command-line options: one table per command gives each option's type,
 * value name, default and help, from which parsing and `--help` are made.
 * Bad arguments raise UsageError, naming the option; the entry point prints
 * it and exits with status 2.
 */

import { parseArgs } from 'node:util';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  name: string;
  /** Placeholder of the value in help text; absent for flags. */
  value?: string;
  help: string;
  default?: string;
  choices?: readonly string[];
  required?: boolean;
}

export type ParsedOptions = Record<string, string | boolean | undefined>;

export function parseOptions(command: string, specs: readonly OptionSpec[], argv: string[]): ParsedOptions {
  const options = Object.fromEntries(
    [...specs, { name: 'help', help: '' }].map((spec) => [spec.name, { type: spec.value ? ('string' as const) : ('boolean' as const) }]),
  );
  let values: ParsedOptions;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${command}: ${describeParseError(error)}; see \`npm run cli -- ${command} --help\``);
  }
  if (values.help) return values;

  for (const spec of specs) {
    const value = values[spec.name] ?? spec.default;
    if (value === undefined && spec.required) throw new UsageError(`${command}: --${spec.name} is required (${spec.help})`);
    if (typeof value === 'string' && spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`${command}: --${spec.name} is "${value}"; choose one of ${spec.choices.join(', ')}`);
    }
    values[spec.name] = value;
  }
  return values;
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `option ${missing[1].split(',').pop()?.trim()} needs a value`;
  const ambiguous = /Option '([^']+?)(?: <value>)?' argument is ambiguous/.exec(message);
  if (ambiguous) return `the value of ${ambiguous[1].split(',').pop()?.trim()} starts with a dash; write it as --option=value`;
  return message.replace(/\. To specify.*$/, '');
}

/** Reads a whole number option within [min, max]. */
export function integerOption(command: string, options: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${command}: --${name} is "${String(raw)}"; it must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Reads a number option within [min, max]. */
export function numberOption(command: string, options: ParsedOptions, name: string, min: number, max: number): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${command}: --${name} is "${String(raw)}"; it must be a number from ${min} to ${max}`);
  }
  return value;
}

export function formatHelp(command: string, summary: string, specs: readonly OptionSpec[]): string {
  const left = (spec: OptionSpec) => `  --${spec.name}${spec.value ? ` ${spec.value}` : ''}`;
  const width = Math.max(...specs.map((spec) => left(spec).length), 10) + 2;
  const lines = specs.map((spec) => {
    const notes = [spec.required ? 'required' : '', spec.default !== undefined ? `default ${spec.default}` : '', spec.choices ? `one of ${spec.choices.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    return `${left(spec).padEnd(width)}${spec.help}${notes ? ` (${notes})` : ''}`;
  });
  return [`usage: npm run cli -- ${command} [options]`, '', summary, '', 'options:', ...lines, `${'  --help'.padEnd(width)}print this help`].join('\n');
}
