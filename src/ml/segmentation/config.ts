/**
 * The U-Net training configuration, validated once when a trainer is
 * created and saved with every U-Net checkpoint.
 */

import { LabError } from '../../core/errors';
import { DEFAULT_LEVELS, validateUnetOptions } from './unet';

export interface UnetConfig {
  /** Side of the square slices in pixels, 16..256. */
  side: number;
  /** Image channels of the slices (1 grayscale, 3 RGB). */
  inChannels: number;
  /** Segmentation classes, background included. */
  numClasses: number;
  /** Channels of the full-resolution convolutions, doubled at each level down. */
  filters: number;
  /** Poolings between full resolution and the bottleneck (default 4, as in the original U-Net). */
  levels?: number;
  /** Passes over the training set. */
  epochs: number;
  batchSize: number;
  /** Adam step size. */
  learningRate: number;
  /** Random flips, rotations, shifts and intensity jitter of each training pair, image and mask alike. */
  augment: boolean;
  /** Seed of the weights, the batch order and the augmentation. */
  seed: number;
}

export const MAX_EPOCHS = 10_000;
export const MAX_BATCH_SIZE = 512;

/** Throws LabError `invalid-config` naming the first field out of range, its value and the range. */
export function validateUnetConfig(config: UnetConfig): void {
  validateUnetOptions({ ...config, levels: config.levels ?? DEFAULT_LEVELS });
  requireInteger('epochs', config.epochs, 1, MAX_EPOCHS);
  requireInteger('batchSize', config.batchSize, 1, MAX_BATCH_SIZE);
  const rate = config.learningRate;
  if (!(typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && rate <= 1)) {
    throw new LabError('invalid-config', `learningRate is ${String(rate)}; it must be a number in (0, 1]`, {
      field: 'learningRate',
      hint: 'Typical Adam learning rates for a U-Net are 1e-4 to 1e-3.',
    });
  }
  if (typeof config.augment !== 'boolean') {
    throw new LabError('invalid-config', `augment is ${String(config.augment)}; it must be true or false`, { field: 'augment' });
  }
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (Number.isInteger(value) && value >= min && value <= max) return;
  throw new LabError('invalid-config', `${field} is ${String(value)}; it must be a whole number from ${min} to ${max}`, { field });
}
