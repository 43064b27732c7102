/**
 * Options of a synthetic dataset export, checked once into the settings that
 * the layouts read.
 */

import { LabError } from '../core/errors';

export type SyntheticLayout = 'png-pairs' | 'nnunet';

/** One batch of generated samples. */
export interface SyntheticBatch {
  /** `[count, side, side, imageChannels]` in [-1, 1]. */
  images: Float32Array;
  /** `[count, side, side]` class ids, 0 for background. */
  classIds: Uint8Array;
  count: number;
}

export interface SyntheticDatasetOptions {
  layout: SyntheticLayout;
  /** Side of the square samples in pixels. */
  side: number;
  /** 1 for grayscale, 3 for RGB. */
  imageChannels: number;
  /** Foreground class names: class id k is `classNames[k - 1]`, and 0 is background. */
  classNames: string[];
  /** Number of samples the source yields. The export fails when it yields another number. */
  total: number;
  /**
   * Name of a grayscale channel in nnU-Net's `channel_names`, "MRI" by
   * default. nnU-Net normalises a channel named "CT" with foreground
   * intensity statistics and any other by z-score. RGB channels are named
   * red, green and blue.
   */
  modality?: string;
  /** Pixel size along x and y and the slice thickness, in millimetres, 1 mm each by default. */
  spacing?: [number, number, number];
  /** nnU-Net dataset id from 1 to 999, needed for the nnunet layout. */
  datasetId?: number;
  /** nnU-Net dataset name of letters, digits and underscores, needed for the nnunet layout. */
  datasetName?: string;
  /** One line on where the samples come from (generator, run, step), for README.txt and dataset.json. */
  description?: string;
  /** Called after each sample with the samples written so far and `total`. */
  onProgress?: (written: number, total: number) => void;
  signal?: AbortSignal;
}

/** Checked options with defaults filled in. */
export interface DatasetSettings {
  side: number;
  imageChannels: 1 | 3;
  classNames: string[];
  total: number;
  modality: string;
  spacing: [number, number, number];
  datasetId: number;
  datasetName: string;
  description: string | null;
}

export const MAX_CLASSES = 255;

/** Checks the options and fills in defaults. Throws LabError 'invalid-config' naming the field. */
export function datasetSettings(options: SyntheticDatasetOptions): DatasetSettings {
  const { layout, side, imageChannels, total } = options;
  if (layout !== 'png-pairs' && layout !== 'nnunet') {
    invalid('layout', `layout "${String(layout)}" is unknown`, 'Choose png-pairs or nnunet.');
  }
  if (!Number.isInteger(side) || side < 1) invalid('side', `side ${side} is not a positive whole number`, 'Give the sample side in pixels.');
  if (imageChannels !== 1 && imageChannels !== 3) {
    invalid('imageChannels', `${imageChannels} image channels cannot be exported`, 'Export grayscale (1) or RGB (3) samples.');
  }
  if (!Number.isInteger(total) || total < 1) invalid('total', `total ${total} is not a positive whole number`, 'Give the number of samples to export.');
  checkClassNames(options.classNames);

  const modality = options.modality ?? 'MRI';
  if (modality.trim() === '') invalid('modality', 'the modality name is empty', 'Name the image channel, for example MRI or CT.');
  const spacing = options.spacing ?? [1, 1, 1];
  if (spacing.length !== 3 || !spacing.every((s) => Number.isFinite(s) && s > 0)) {
    invalid('spacing', `spacing [${spacing.join(', ')}] is not three positive sizes in millimetres`, 'Give the pixel size along x and y and the slice thickness.');
  }

  const { datasetId = 0, datasetName = '' } = options;
  if (layout === 'nnunet') checkNnUnetDataset(datasetId, datasetName);
  return {
    side,
    imageChannels,
    classNames: options.classNames,
    total,
    modality,
    spacing,
    datasetId,
    datasetName,
    description: options.description ?? null,
  };
}

function checkClassNames(classNames: readonly string[]): void {
  if (classNames.length > MAX_CLASSES) {
    invalid('classNames', `${classNames.length} foreground classes do not fit 8-bit label maps`, `Use at most ${MAX_CLASSES} classes.`);
  }
  const seen = new Set<string>(['background']);
  for (const name of classNames) {
    if (name.trim() === '') invalid('classNames', 'a class name is empty', 'Name every foreground class.');
    if (seen.has(name.toLowerCase())) {
      invalid('classNames', `class name "${name}" appears twice or is "background"`, 'Give each foreground class its own name; background is class 0.');
    }
    seen.add(name.toLowerCase());
  }
}

/** nnU-Net finds a dataset by its folder name `DatasetXXX_Name`, XXX being the three-digit id. */
function checkNnUnetDataset(id: number, name: string): void {
  if (!Number.isInteger(id) || id < 1 || id > 999) {
    invalid('datasetId', `dataset id ${id} is not a whole number from 1 to 999`, 'Pick an id that no other nnU-Net dataset on the machine uses.');
  }
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    invalid('datasetName', `dataset name "${name}" must be letters, digits and underscores`, 'For example Synthetic_ACDC.');
  }
}

function invalid(field: string, problem: string, hint: string): never {
  throw new LabError('invalid-config', problem, { field, hint });
}
