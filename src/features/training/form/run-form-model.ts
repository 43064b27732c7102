/** The run form's state beyond the configuration itself, and how it becomes a configuration. */

import type { RunConfig } from '../../../ml/training/config';
import { runConfigProblems } from '../../../ml/training/validate';
import type { DatasetRecord } from '../../../storage/dataset-record';

export type DurationUnit = 'steps' | 'kimg';

export interface Duration {
  unit: DurationUnit;
  value: number;
}

/** Generator steps for a duration; a kimg is 1000 real images shown to the discriminator. */
export function durationToSteps(duration: Duration, config: Pick<RunConfig, 'batchSize' | 'criticSteps'>): number {
  if (duration.unit === 'steps') return duration.value;
  return Math.ceil((duration.value * 1000) / (config.batchSize * config.criticSteps));
}

/** The dataset fixes the resolution, the image channels and the classes. */
export function withDataset(config: RunConfig, dataset: DatasetRecord): RunConfig {
  return { ...config, resolution: dataset.size, imageChannels: dataset.imageChannels, numClasses: dataset.classes.length };
}

/** The configuration the form describes, and its problems by field (`totalSteps` reported against the duration field). */
export function resolveForm(config: RunConfig, duration: Duration, dataset: DatasetRecord | undefined) {
  const resolved = { ...(dataset ? withDataset(config, dataset) : config), totalSteps: durationToSteps(duration, config) };
  const errors: Record<string, string> = {};
  for (const problem of runConfigProblems(resolved)) errors[problem.field] ??= problem.message;
  if (duration.unit === 'kimg' && errors.totalSteps) errors.totalSteps = `training length is ${duration.value} kimg, ${errors.totalSteps}`;
  if (!dataset) errors.dataset = 'no dataset is stored; add a folder or generate the phantom first';
  return { config: resolved, errors };
}
