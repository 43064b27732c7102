/**
 * The random subsets of KID, drawn from the lab's seeded Random so that a
 * value can be reproduced from its seed. For each subset in turn, the real
 * indices are drawn, then the generated ones, each without replacement by a
 * partial Fisher-Yates shuffle of 0..n-1 that starts afresh for every subset:
 * for i < m, swap position i with position i + integer(n - i), keep the first m.
 */

import { Random } from '../../core/random';

export interface KidSubsets {
  /** Per subset, `size` distinct real indices in draw order. */
  real: Int32Array[];
  /** Per subset, `size` distinct generated indices in draw order. */
  generated: Int32Array[];
  size: number;
}

/** Draws `subsets` pairs of index subsets of `size` from `realCount` real and `generatedCount` generated samples. */
export function drawKidSubsets(realCount: number, generatedCount: number, subsets: number, size: number, seed: number): KidSubsets {
  const random = new Random(seed);
  const real: Int32Array[] = [];
  const generated: Int32Array[] = [];
  for (let s = 0; s < subsets; s++) {
    real.push(sampleWithoutReplacement(realCount, size, random));
    generated.push(sampleWithoutReplacement(generatedCount, size, random));
  }
  return { real, generated, size };
}

/** `size` distinct integers from [0, n), uniformly, in draw order. */
export function sampleWithoutReplacement(n: number, size: number, random: Random): Int32Array {
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + random.integer(n - i);
    const value = pool[i];
    pool[i] = pool[j];
    pool[j] = value;
  }
  return pool.slice(0, size);
}
