/**
 * Test feature sets built from a recipe that scripts/reference/metrics_reference.py
 * reproduces bit for bit, so that reference values for large matrices can be
 * committed without the matrices.
 *
 * The integers come from xorshift32 (Marsaglia 2003, shifts 13, 17, 5). A
 * uniform u in [0, 1) is the top 24 bits / 2²⁴, so it is exact in float32 and
 * float64. Every feature is computed with float64 + and * in a fixed order,
 * which IEEE 754 rounds identically in JavaScript and NumPy, then rounded to
 * float32.
 */

import type { FeatureSet } from '../feature-set';

export interface FeatureRecipe {
  seed: number;
  count: number;
  dimension: number;
  /** Number of shared latent factors, which correlate the features. */
  latents: number;
  /** Added to feature d as shift * ((d mod 5) - 2). */
  shift: number;
}

export class Xorshift32 {
  private state: number;

  constructor(seed: number) {
    if (seed >>> 0 === 0) throw new Error('xorshift32 needs a non-zero seed');
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    let x = this.state;
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    this.state = x;
    return x;
  }

  /** Uniform in [-1, 1), a multiple of 2⁻²³. */
  symmetric(): number {
    return 2 * ((this.nextUint32() >>> 8) / 16777216) - 1;
  }
}

/**
 * Draws the loadings W [latents, dimension], then per row the latents z and
 * the noise e, and sets
 *   f[d] = fround(((e[d] · s_d + z₀ W[0, d]) + z₁ W[1, d] + …) + shift · ((d mod 5) - 2))
 * with the column scale s_d = 0.25 + (d mod 8) / 8.
 */
export function recipeFeatures(recipe: FeatureRecipe): FeatureSet {
  const { seed, count, dimension, latents, shift } = recipe;
  const random = new Xorshift32(seed);
  const loadings = new Float64Array(latents * dimension);
  for (let i = 0; i < loadings.length; i++) loadings[i] = random.symmetric();

  const values = new Float32Array(count * dimension);
  const z = new Float64Array(latents);
  for (let row = 0; row < count; row++) {
    for (let q = 0; q < latents; q++) z[q] = random.symmetric();
    for (let d = 0; d < dimension; d++) {
      let value = random.symmetric() * (0.25 + (d % 8) / 8);
      for (let q = 0; q < latents; q++) value += z[q] * loadings[q * dimension + d];
      values[row * dimension + d] = value + shift * ((d % 5) - 2);
    }
  }
  return { count, dimension, values };
}
