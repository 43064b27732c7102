/**
 * A queued experiment: U-Nets trained on each training set of one dataset,
 * scored by Dice on its real test split, with each GAN's fidelity beside
 * them. Stored item by item, so an experiment resumes after a reload at the
 * first item that did not finish.
 */

import type { SerializedError } from '../../core/errors';
import type { ExtractorRef } from '../metrics/fidelity-record';
import type { ExperimentRow, ExperimentTable, TrainingSetKind } from './experiment-table';

export interface UnetOptions {
  filters: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export interface ExperimentOptions {
  unet: UnetOptions;
  /** Synthetic image+mask pairs sampled from each GAN checkpoint. */
  syntheticCount: number;
  /** Generated samples for each GAN's FID and KID. */
  fidelitySamples: number;
  /** Extractor of the Inception-space FID and KID; null skips them. */
  extractor: ExtractorRef | null;
  /** Compute every GAN's FID in the feature space of the U-Net trained on the original data. */
  domainFid: boolean;
  seed: number;
}

export interface CheckpointChoice {
  runId: string;
  runName: string;
  gan: string;
  step: number;
}

export interface DiceSummary {
  meanForeground: number;
  /** Dice of each class 0..K-1, each the mean over test patients. */
  perClass: number[];
  patients: number;
  slices: number;
}

export type ItemStatus = 'pending' | 'running' | 'done' | 'failed';

export interface ExperimentItem {
  id: string;
  kind: TrainingSetKind | 'fidelity';
  label: string;
  /** The GAN whose samples the item uses or scores. */
  checkpoint?: CheckpointChoice;
  status: ItemStatus;
  dice?: DiceSummary;
  fid?: number;
  kid?: number;
  domainFid?: number;
  seconds?: number;
  error?: SerializedError;
}

export type ExperimentStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

export interface ExperimentRecord {
  id: string;
  name: string;
  datasetId: string;
  datasetName: string;
  /** Foreground class names of the dataset, for the table's columns. */
  classNames: string[];
  createdAt: string;
  updatedAt: string;
  options: ExperimentOptions;
  checkpoints: CheckpointChoice[];
  items: ExperimentItem[];
  status: ExperimentStatus;
  /** The U-Net trained on the original data, cached as a feature extractor once it exists. */
  domainExtractor?: ExtractorRef;
  error?: SerializedError;
}

const KIND_ORDER: Record<ExperimentItem['kind'], number> = { real: 0, augmented: 1, fidelity: 2, synthetic: 3, 'real+synthetic': 4 };

/** The items of an experiment in the order they run: the original-data U-Net first, since its features score the GANs. */
export function planItems(sets: TrainingSetKind[], checkpoints: CheckpointChoice[], options: ExperimentOptions): ExperimentItem[] {
  const items: ExperimentItem[] = [];
  const needsReal = sets.includes('real') || options.domainFid;
  if (needsReal) items.push({ id: 'real', kind: 'real', label: 'Original data', status: 'pending' });
  if (sets.includes('augmented')) items.push({ id: 'augmented', kind: 'augmented', label: 'Augmented original data', status: 'pending' });
  for (const checkpoint of checkpoints) {
    const gan = `${checkpoint.runName} (step ${checkpoint.step})`;
    const key = `${checkpoint.runId}@${checkpoint.step}`;
    if (options.extractor || options.domainFid) items.push({ id: `fidelity:${key}`, kind: 'fidelity', label: `Fidelity of ${gan}`, checkpoint, status: 'pending' });
    if (sets.includes('synthetic')) items.push({ id: `synthetic:${key}`, kind: 'synthetic', label: gan, checkpoint, status: 'pending' });
    if (sets.includes('real+synthetic')) items.push({ id: `real+synthetic:${key}`, kind: 'real+synthetic', label: `Original + ${gan}`, checkpoint, status: 'pending' });
  }
  return items.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}

/** The study's table from an experiment's finished items. */
export function experimentTable(experiment: ExperimentRecord): ExperimentTable {
  const fidelity = new Map(experiment.items.filter((i) => i.kind === 'fidelity' && i.checkpoint).map((i) => [`${i.checkpoint!.runId}@${i.checkpoint!.step}`, i]));
  const rows: ExperimentRow[] = experiment.items
    .filter((item) => item.kind !== 'fidelity')
    .map((item) => {
      const scores = item.checkpoint ? fidelity.get(`${item.checkpoint.runId}@${item.checkpoint.step}`) : undefined;
      return {
        label: item.label,
        kind: item.kind as ExperimentRow['kind'],
        fid: scores?.fid ?? null,
        kid: scores?.kid ?? null,
        domainFid: scores?.domainFid ?? null,
        meanDice: item.dice?.meanForeground ?? null,
        classDice: experiment.classNames.map((_, c) => item.dice?.perClass[c + 1] ?? null),
      };
    });
  const { unet, syntheticCount, fidelitySamples } = experiment.options;
  const withGans = experiment.items.some((item) => item.checkpoint);
  return {
    title: `${experiment.name}: U-Net Dice on the real test split of ${experiment.datasetName}`,
    classNames: experiment.classNames,
    rows,
    notes: [
      `U-Net with ${unet.filters} base filters, ${unet.epochs} ${unet.epochs === 1 ? 'epoch' : 'epochs'}, batch ${unet.batchSize}, learning rate ${unet.learningRate}.`,
      ...(withGans ? [`${syntheticCount} synthetic pairs per GAN; FID and KID from ${fidelitySamples} generated samples against the training split.`] : []),
      'Dice per class is the mean over test patients of the volume Dice; a class absent from both prediction and truth scores 1.',
    ],
  };
}
