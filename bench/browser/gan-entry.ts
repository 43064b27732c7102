/**
 * Bundled into the benchmark page: measures GAN training speed on a chosen
 * TensorFlow.js backend in Chromium. Exposed as `ganlabGanBench`.
 */

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { installFastCpuFilterGradient } from '../../src/ml/kernels/cpu-conv-filter-gradient';
import { measureBare, measureLab, type GanCase, type Speed } from '../gan/measure';

installFastCpuFilterGradient();

export async function useBackend(name: string): Promise<boolean> {
  try {
    return (await tf.setBackend(name)) && tf.getBackend() === name;
  } catch {
    return false;
  }
}

export async function measure(bench: GanCase): Promise<{ lab: Speed; bare: Speed }> {
  const lab = await measureLab(bench);
  const bare = await measureBare(bench);
  return { lab, bare };
}
