/**
 * The slices a run trains on, held in two flat typed arrays on the CPU:
 * batches are gathered from them and uploaded step by step, so a dataset
 * never has to fit in accelerator memory.
 */

import { Random } from '../../core/random';
import { applyPairedTransform, drawPairedTransform } from '../augment/paired-augment';
import { encodeJointSample, jointPixelChannels, type JointLayout } from './joint';

export interface TrainingSet extends JointLayout {
  count: number;
  /** `[count, side, side, imageChannels]` in [-1, 1]. */
  images: Float32Array;
  /** `[count, side, side]` class ids. */
  classIds: Uint8Array;
}

/** Draws batches without replacement, reshuffling at each epoch. */
export class BatchSampler {
  private order: number[] = [];
  private position = 0;

  /**
   * @param augment flip, rotate and shift each real sample, image and mask alike
   */
  constructor(
    private readonly data: TrainingSet,
    private readonly random: Random,
    private readonly augment = false,
  ) {
    if (data.count === 0) throw new RangeError('the training set is empty');
  }

  get layout(): JointLayout {
    return this.data;
  }

  /** Fills a joint batch `[batchSize, side, side, channels]`. */
  next(batchSize: number): Float32Array {
    const { side } = this.data;
    const pixels = side * side;
    const batch = new Float32Array(batchSize * pixels * jointPixelChannels(this.data));
    for (let i = 0; i < batchSize; i++) {
      const slice = this.nextIndex();
      const image = this.data.images.subarray(slice * pixels * this.data.imageChannels, (slice + 1) * pixels * this.data.imageChannels);
      const classIds = this.data.classIds.subarray(slice * pixels, (slice + 1) * pixels);
      encodeJointSample(image, classIds, this.data, batch, i);
      if (this.augment) applyPairedTransform(batch, this.data, i, drawPairedTransform(side, this.random));
    }
    return batch;
  }

  private nextIndex(): number {
    if (this.position >= this.order.length) {
      this.order = this.random.shuffled(Array.from({ length: this.data.count }, (_, i) => i));
      this.position = 0;
    }
    return this.order[this.position++];
  }

  getState(): { order: number[]; position: number } {
    return { order: this.order.slice(), position: this.position };
  }

  setState(state: { order: number[]; position: number }): void {
    this.order = state.order.slice();
    this.position = state.position;
  }
}
