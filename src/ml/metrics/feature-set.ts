/**
 * Feature vectors of a set of images (Inception pool features, or flattened
 * pixels), the input of every fidelity metric. Layout: row-major
 * `[count, dimension]` float32, one row per image.
 */

import { LabError } from '../../core/errors';

export interface FeatureSet {
  count: number;
  dimension: number;
  /** `[count, dimension]` row-major. */
  values: Float32Array;
}

/** Wraps `values` as a FeatureSet after checking the shape and that every value is finite. */
export function createFeatureSet(values: Float32Array, count: number, dimension: number, name = 'features'): FeatureSet {
  const set = { count, dimension, values };
  validateFeatureSet(set, name);
  return set;
}

/** Throws a LabError naming `name` unless the set has a valid shape and only finite values. */
export function validateFeatureSet(set: FeatureSet, name: string): void {
  validateShape(set, name);
  const { values, dimension } = set;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const row = Math.floor(i / dimension);
      throw new LabError('invalid-argument', `${name}: row ${row}, feature ${i - row * dimension} is ${values[i]}`, {
        hint: 'Features must be finite numbers; check the extractor input for NaN or infinite pixels.',
      });
    }
  }
}

/** Throws a LabError naming `name` unless count and dimension are non-negative integers that match the value count. */
export function validateShape(set: FeatureSet, name: string): void {
  const { count, dimension, values } = set;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(dimension) || dimension < 1) {
    throw new LabError('invalid-argument', `${name}: count ${count} and dimension ${dimension} must be integers, count ≥ 0 and dimension ≥ 1`);
  }
  if (values.length !== count * dimension) {
    throw new LabError(
      'shape-mismatch',
      `${name}: ${count} rows of ${dimension} features need ${count * dimension} values but ${values.length} were given`,
    );
  }
}

/** Throws a LabError unless both sets have the same feature dimension. */
export function requireSameDimension(first: FeatureSet, firstName: string, second: FeatureSet, secondName: string): void {
  if (first.dimension !== second.dimension) {
    throw new LabError(
      'shape-mismatch',
      `${firstName} have ${first.dimension} features per row but ${secondName} have ${second.dimension}`,
      { hint: 'Extract both sets with the same feature extractor.' },
    );
  }
}

/**
 * Copies rows [start, end) to float64, subtracting `shift` from every row
 * when given. Returns `[end - start, dimension]` row-major, written into
 * `out` when it is given (it must be large enough).
 */
export function rowsAsFloat64(set: FeatureSet, start: number, end: number, shift?: Float64Array, out?: Float64Array): Float64Array {
  const { dimension, values } = set;
  const target = out ?? new Float64Array((end - start) * dimension);
  for (let row = start; row < end; row++) {
    const source = row * dimension;
    const destination = (row - start) * dimension;
    if (shift) {
      for (let d = 0; d < dimension; d++) target[destination + d] = values[source + d] - shift[d];
    } else {
      for (let d = 0; d < dimension; d++) target[destination + d] = values[source + d];
    }
  }
  return target;
}

/** Mean of every feature over all rows, in float64. */
export function featureMean(set: FeatureSet): Float64Array {
  const { count, dimension, values } = set;
  const mean = new Float64Array(dimension);
  for (let row = 0; row < count; row++) {
    const source = row * dimension;
    for (let d = 0; d < dimension; d++) mean[d] += values[source + d];
  }
  for (let d = 0; d < dimension; d++) mean[d] /= Math.max(1, count);
  return mean;
}
