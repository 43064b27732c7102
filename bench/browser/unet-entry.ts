/**
 * Bundled into the benchmark page: U-Net speed on a chosen backend, and
 * sampling plus storing synthetic pairs in the page's IndexedDB as an
 * experiment does. Exposed as `ganlabUnetBench`.
 */

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { installFastCpuFilterGradient } from '../../src/ml/kernels/cpu-conv-filter-gradient';
import { ensureSyntheticSet } from '../../src/runtime/synthetic-store';
import { openLabDatabase } from '../../src/storage/db';
import { deleteSyntheticSet } from '../../src/storage/experiments';
import { benchGenerator, unetImagesPerSecond, type UnetCase } from '../segmentation/measure';

installFastCpuFilterGradient();

export async function useBackend(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

export function unetSpeed(bench: UnetCase): Promise<number> {
  return unetImagesPerSecond(bench);
}

/** Seconds to sample `count` pairs of `side` pixels and store them. */
export async function sampleAndStore(count: number, side: number): Promise<number> {
  const db = await openLabDatabase();
  const { config, generator } = benchGenerator(side);
  const setId = `bench|${Date.now()}`;
  const started = performance.now();
  await ensureSyntheticSet(db, setId, generator, config, count, 1, () => undefined, new AbortController().signal);
  const seconds = (performance.now() - started) / 1000;
  await deleteSyntheticSet(db, setId);
  generator.dispose();
  return seconds;
}
