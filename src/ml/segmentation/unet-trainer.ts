/**
 * One U-Net being trained: the model, its Adam optimizer, the training
 * source and the seeded random stream of batch order and augmentation.
 * `trainEpoch` makes one shuffled pass over the source. `predict` and
 * `evaluate` run the network in inference mode (batch-norm moving averages).
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../../core/errors';
import { createLogger } from '../../core/log';
import { Random } from '../../core/random';
import { augmentBatch } from './augment';
import { DEFAULT_LEVELS } from './unet';
import { validateUnetConfig, type UnetConfig } from './config';
import { DiceAccumulator, type DiceReport } from './dice';
import { oneHotTargets, segmentationLoss } from './losses';
import type { SegmentationSource } from './source';
import { buildUnet } from './unet';

export type { UnetConfig } from './config';
export { concatSources, memorySource, type SegmentationBatch, type SegmentationSource } from './source';

const log = createLogger('ml/segmentation');

export interface EpochHooks {
  /** Called after each batch with the batches done, the batches of the epoch and the batch loss. */
  onBatch?(done: number, total: number, loss: number): void;
  /** Aborting stops the epoch before its next batch with LabError `cancelled`. */
  signal?: AbortSignal;
}

export interface EpochResult {
  /** Epochs done, this one included. */
  epoch: number;
  /** Mean training loss over the epoch's images. */
  loss: number;
  seconds: number;
  imagesPerSecond: number;
}

/** Labelled test slices: images `[count, S, S, C]`, class ids `[count, S, S]`, `subjects[i]` owns slice i. */
export interface TestSet {
  images: Float32Array;
  classIds: Uint8Array;
  subjects: readonly string[];
  count: number;
}

/** State restored from a checkpoint. A fresh trainer starts from the config's seed instead. */
export interface UnetTrainerParts {
  model: tf.LayersModel;
  random: Random;
  epoch: number;
}

export class UnetTrainer {
  readonly config: UnetConfig;
  readonly model: tf.LayersModel;
  readonly optimizer: tf.Optimizer;
  random: Random;
  /** Epochs completed. */
  epoch: number;
  private readonly source: SegmentationSource;

  constructor(config: UnetConfig, source: SegmentationSource, parts?: UnetTrainerParts) {
    validateUnetConfig(config);
    checkSourceMatches(config, source);
    this.config = config;
    this.source = source;
    this.model = parts?.model ?? buildUnet({ ...config, levels: config.levels ?? DEFAULT_LEVELS });
    this.random = parts?.random ?? new Random(config.seed);
    this.epoch = parts?.epoch ?? 0;
    this.optimizer = tf.train.adam(config.learningRate);
  }

  /**
   * Trains one pass over the source in a fresh seeded order.
   * NOTE: a cancelled epoch leaves the weights partly updated and is not
   * counted, so resume from the checkpoint of the last whole epoch.
   */
  async trainEpoch(hooks: EpochHooks = {}): Promise<EpochResult> {
    const started = performance.now();
    const { batchSize } = this.config;
    const order = this.random.shuffled(Array.from({ length: this.source.count }, (_, i) => i));
    const total = Math.ceil(order.length / batchSize);
    let lossSum = 0;

    for (let b = 0; b < total; b++) {
      if (hooks.signal?.aborted) throw cancelled(this.epoch + 1, b, total);
      const indices = order.slice(b * batchSize, (b + 1) * batchSize);
      const batch = await this.source.batch(indices);
      if (this.config.augment) augmentBatch(batch, indices.length, this.layout, this.random);
      const loss = await this.trainBatch(batch.images, batch.classIds, indices.length);
      lossSum += loss * indices.length;
      hooks.onBatch?.(b + 1, total, loss);
    }

    this.epoch += 1;
    const seconds = (performance.now() - started) / 1000;
    return { epoch: this.epoch, loss: lossSum / order.length, seconds, imagesPerSecond: order.length / seconds };
  }

  /** One Adam step on `count` pairs; returns the batch loss. */
  async trainBatch(images: Float32Array, classIds: Uint8Array, count: number): Promise<number> {
    const { side, inChannels, numClasses } = this.config;
    if (images.length !== count * side * side * inChannels || classIds.length !== count * side * side) {
      throw new LabError('shape-mismatch', `a batch of ${images.length} image values and ${classIds.length} class ids is not ${count} slices of ${side} x ${side} x ${inChannels}`);
    }
    const x = tf.tensor4d(images, [count, side, side, inChannels]);
    const targets = oneHotTargets(classIds, count, side, numClasses);
    const loss = this.optimizer.minimize(
      () => segmentationLoss(this.model.apply(x, { training: true }) as tf.Tensor4D, targets),
      true,
      this.trainableVariables,
    )!;
    const value = (await loss.data())[0];
    tf.dispose([x, targets, loss]);
    if (!Number.isFinite(value)) {
      throw new LabError('internal', `the U-Net loss became ${value} in epoch ${this.epoch + 1}`, {
        field: 'learningRate',
        hint: 'Lower the learning rate and train again.',
      });
    }
    return value;
  }

  /** Label maps `[count, S, S]` by argmax over the class probabilities, in batches of `batchSize`. */
  async predict(images: Float32Array, count: number): Promise<Uint8Array> {
    const { side, inChannels, batchSize } = this.config;
    const imageLength = side * side * inChannels;
    if (images.length !== count * imageLength) {
      throw new LabError('shape-mismatch', `${images.length} image values are not ${count} slices of ${side} x ${side} x ${inChannels}`);
    }
    const labels = new Uint8Array(count * side * side);
    for (let start = 0; start < count; start += batchSize) {
      const size = Math.min(batchSize, count - start);
      const ids = tf.tidy(() => {
        const x = tf.tensor4d(images.subarray(start * imageLength, (start + size) * imageLength), [size, side, side, inChannels]);
        return tf.argMax(this.model.apply(x, { training: false }) as tf.Tensor4D, -1);
      });
      labels.set(await ids.data(), start * side * side);
      ids.dispose();
    }
    return labels;
  }

  /** Dice of the predicted against the true label maps, per class, slice and patient. */
  async evaluate(test: TestSet): Promise<DiceReport> {
    if (test.subjects.length !== test.count) {
      throw new LabError('shape-mismatch', `the test set has ${test.count} slices but ${test.subjects.length} subjects; give one subject per slice`);
    }
    const pixels = this.config.side * this.config.side;
    const predicted = await this.predict(test.images, test.count);
    const accumulator = new DiceAccumulator(this.config.numClasses);
    for (let i = 0; i < test.count; i++) {
      accumulator.addSlice(predicted.subarray(i * pixels, (i + 1) * pixels), test.classIds.subarray(i * pixels, (i + 1) * pixels), test.subjects[i]);
    }
    return accumulator.report();
  }

  get parameterCount(): number {
    return this.model.countParams();
  }

  dispose(): void {
    this.optimizer.dispose();
    this.model.dispose();
    log.debug('disposed', { epoch: this.epoch });
  }

  private get layout() {
    return { side: this.config.side, imageChannels: this.config.inChannels, numClasses: this.config.numClasses };
  }

  private get trainableVariables(): tf.Variable[] {
    return this.model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  }
}

function checkSourceMatches(config: UnetConfig, source: SegmentationSource): void {
  const mismatches = [
    source.side !== config.side ? `side ${source.side} (config ${config.side})` : '',
    source.imageChannels !== config.inChannels ? `${source.imageChannels} image channels (config inChannels ${config.inChannels})` : '',
    source.numClasses !== config.numClasses ? `${source.numClasses} classes (config numClasses ${config.numClasses})` : '',
  ].filter(Boolean);
  if (mismatches.length > 0) {
    throw new LabError('shape-mismatch', `the training slices do not match the U-Net configuration: ${mismatches.join(', ')}`, {
      hint: 'Build the configuration from the dataset the U-Net trains on.',
    });
  }
  if (source.count === 0) {
    throw new LabError('empty-dataset', 'the U-Net training set has no slices', { hint: 'Train on a dataset with a non-empty training split.' });
  }
}

function cancelled(epoch: number, done: number, total: number): LabError {
  return new LabError('cancelled', `U-Net training was stopped in epoch ${epoch} after ${done} of ${total} batches`);
}
