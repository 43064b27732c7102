/** Builds a run configuration from a preset, an overrides file and command-line flags. */

import { readFile } from 'node:fs/promises';
import type { GanKind, RunConfig } from '../ml/training/config';
import { DEFAULT_RUN_CONFIG } from '../ml/training/defaults';
import { applyPreset } from '../ml/training/presets';
import { UsageError } from './options';

/** Merges an overrides object into a configuration, one level deep for the nested groups. */
export function mergeOverrides(config: RunConfig, overrides: Record<string, unknown>, source: string): RunConfig {
  const merged: Record<string, unknown> = structuredClone(config) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in merged)) {
      throw new UsageError(`${source}: "${key}" is not a run configuration field; fields are ${Object.keys(config).join(', ')}`);
    }
    const current = merged[key];
    const nested = typeof current === 'object' && current !== null && !Array.isArray(current);
    if (nested && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const inner of Object.keys(value)) {
        if (!(inner in current)) throw new UsageError(`${source}: "${key}.${inner}" is not a run configuration field`);
      }
      merged[key] = { ...current, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged as unknown as RunConfig;
}

export async function readOverrides(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--config: cannot read ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--config: ${path} is not a JSON object of run configuration fields (${error instanceof Error ? error.message : String(error)})`);
  }
}

export interface ConfigSources {
  gan: GanKind;
  overrides?: { values: Record<string, unknown>; source: string };
  flags: Partial<RunConfig>;
  dataset: Pick<RunConfig, 'resolution' | 'imageChannels' | 'numClasses'>;
}

/** Later sources win: defaults, the GAN's preset, the overrides file, flags, then the dataset's shape. */
export function buildRunConfig({ gan, overrides, flags, dataset }: ConfigSources): RunConfig {
  let config = applyPreset(DEFAULT_RUN_CONFIG, gan);
  if (overrides) config = mergeOverrides(config, overrides.values, overrides.source);
  const defined = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  return { ...config, ...defined, ...dataset };
}
