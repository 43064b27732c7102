/**
 * Synthetic image+mask sets in IndexedDB: sampled from a GAN batch by batch
 * and stored as they come, then read back batch by batch by the U-Net, so a
 * set of 10,000 pairs never sits in memory at once.
 */

import type { Network } from '../ml/models/network';
import type { SegmentationSource } from '../ml/segmentation/source';
import { syntheticPairs, type GeneratorShape, type SyntheticBatch } from '../ml/segmentation/synthetic';
import type { LabDatabase } from '../storage/db';
import { addSyntheticPairs, countSyntheticPairs, deleteSyntheticSet, readSyntheticPairs } from '../storage/experiments';

/** Pairs generated and stored per transaction. */
const STORE_BATCH = 64;

export interface SyntheticSetShape {
  side: number;
  imageChannels: number;
  numClasses: number;
}

/** Samples `count` pairs into the set unless it already holds them; reports pairs stored so far. */
export async function ensureSyntheticSet(
  db: LabDatabase,
  setId: string,
  generator: Network,
  config: GeneratorShape,
  count: number,
  seed: number,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<void> {
  if ((await countSyntheticPairs(db, setId)) === count) return;
  await deleteSyntheticSet(db, setId);
  let seq = 0;
  for await (const batch of syntheticPairs(generator, config, count, STORE_BATCH, seed, signal)) {
    await addSyntheticPairs(db, splitBatch(setId, batch, seq, config));
    seq += batch.count;
    onProgress(seq, count);
  }
}

function splitBatch(setId: string, batch: SyntheticBatch, firstSeq: number, config: GeneratorShape) {
  const pixels = config.resolution * config.resolution;
  const imageLength = pixels * config.imageChannels;
  return Array.from({ length: batch.count }, (_, i) => ({
    setId,
    seq: firstSeq + i,
    image: batch.images.slice(i * imageLength, (i + 1) * imageLength),
    classIds: batch.classIds.slice(i * pixels, (i + 1) * pixels),
  }));
}

export function syntheticSource(db: LabDatabase, setId: string, count: number, shape: SyntheticSetShape): SegmentationSource {
  const pixels = shape.side * shape.side;
  const imageLength = pixels * shape.imageChannels;
  return {
    count,
    ...shape,
    async batch(indices) {
      const records = await readSyntheticPairs(db, setId, [...indices]);
      const images = new Float32Array(indices.length * imageLength);
      const classIds = new Uint8Array(indices.length * pixels);
      records.forEach((record, i) => {
        images.set(record.image, i * imageLength);
        classIds.set(record.classIds, i * pixels);
      });
      return { images, classIds };
    },
  };
}

/** The stored set as export batches, read `size` pairs at a time. */
export async function* storedSyntheticBatches(db: LabDatabase, setId: string, count: number, shape: SyntheticSetShape, size = 256): AsyncGenerator<SyntheticBatch> {
  const source = syntheticSource(db, setId, count, shape);
  for (let start = 0; start < count; start += size) {
    const indices = Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i);
    const { images, classIds } = await source.batch(indices);
    yield { images, classIds, count: indices.length };
  }
}
