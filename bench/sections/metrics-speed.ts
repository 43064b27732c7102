/**
 * Speed of the fidelity metrics' numeric core in Node: one Fréchet distance
 * between 2048-d statistics of full rank, and KID between two sets of 5,000
 * features of 2048 dimensions with 100 subsets of 1,000.
 * bench/python/metrics_scipy.py times the same work with NumPy and SciPy.
 */

import { Random } from '../../src/core/random';
import type { FeatureSet } from '../../src/ml/metrics/feature-set';
import { frechetDistance } from '../../src/ml/metrics/frechet';
import { gaussianStatistics } from '../../src/ml/metrics/gaussian';
import { kernelInceptionDistance } from '../../src/ml/metrics/kid';
import { round } from '../context';

const DIMENSION = 2048;
/** Above DIMENSION + 1, so both covariances have full rank. */
const STATISTICS_SAMPLES = 2304;
const KID_SAMPLES = 5000;

/**
 * Features with a shared component, so the covariance is not diagonal:
 * x = e + 0.5 · z · W with e and z standard normal, z of 16 latents, W fixed.
 */
function randomFeatures(random: Random, count: number, shift: number): FeatureSet {
  const latents = 16;
  const loadings = random.fillNormal(new Float32Array(latents * DIMENSION));
  const values = random.fillNormal(new Float32Array(count * DIMENSION));
  const z = new Float32Array(latents);
  for (let row = 0; row < count; row++) {
    random.fillNormal(z);
    for (let q = 0; q < latents; q++) {
      for (let d = 0; d < DIMENSION; d++) values[row * DIMENSION + d] += 0.5 * z[q] * loadings[q * DIMENSION + d] + shift;
    }
  }
  return { count, dimension: DIMENSION, values };
}

function seconds(run: () => unknown): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

export async function benchMetricsNode(): Promise<{ frechet2048Seconds: number; kid5000Seconds: number }> {
  const random = new Random(2048);

  const first = gaussianStatistics(randomFeatures(random, STATISTICS_SAMPLES, 0));
  const second = gaussianStatistics(randomFeatures(random, STATISTICS_SAMPLES, 0.05));
  const frechet2048Seconds = seconds(() => frechetDistance(first, second));
  console.log(`bench: metrics frechet 2048-d ${frechet2048Seconds.toFixed(1)} s`);

  const real = randomFeatures(random, KID_SAMPLES, 0);
  const generated = randomFeatures(random, KID_SAMPLES, 0.05);
  const kid5000Seconds = seconds(() => kernelInceptionDistance(real, generated, { subsets: 100, subsetSize: 1000 }));
  console.log(`bench: metrics KID 2 x ${KID_SAMPLES} ${kid5000Seconds.toFixed(1)} s`);

  return { frechet2048Seconds: round(frechet2048Seconds, 2), kid5000Seconds: round(kid5000Seconds, 2) };
}
