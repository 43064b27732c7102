/**
 * The label map of a dataset: which raw mask values are classes, their
 * contiguous class ids 0..K-1 and names, and each class's share of pixels.
 * A label scheme gives the classes as its values, in its order. Without one,
 * the classes are the sorted union of the values found in the masks.
 */

import { LabError } from '../core/errors';
import type { ClassInfo, LabelScheme } from './slice-dataset';

/**
 * Most classes taken from the masks without a scheme. More distinct values
 * usually mean an image or a lossy (JPEG) mask was taken for a label map.
 */
export const MAX_CLASSES_WITHOUT_SCHEME = 32;

export function checkLabelScheme(scheme: LabelScheme): void {
  const invalid = (problem: string) =>
    new LabError('invalid-config', problem, {
      field: 'labels',
      hint: 'Give one integer mask value 0..255 and one name per class, each value once.',
    });
  if (scheme.values.length === 0) throw invalid('the label scheme declares no values');
  if (scheme.values.length !== scheme.names.length) {
    throw invalid(`the label scheme has ${scheme.values.length} values but ${scheme.names.length} names`);
  }
  for (const value of scheme.values) {
    if (!Number.isInteger(value) || value < 0 || value > 255) throw invalid(`label value ${value} is not an integer in 0..255`);
  }
  if (new Set(scheme.values).size !== scheme.values.length) throw invalid('the label scheme declares a value twice');
}

/** Adds a mask's values to the union and rejects a union past the class limit. */
export function addFoundValues(found: Set<number>, values: readonly number[], file: string): void {
  const union = new Set([...found, ...values]);
  if (union.size > MAX_CLASSES_WITHOUT_SCHEME) {
    const list = [...union].sort((a, b) => a - b);
    throw new LabError(
      'too-many-labels',
      `the masks hold ${union.size} distinct label values (${summarise(list)}), more than the ${MAX_CLASSES_WITHOUT_SCHEME} classes taken without a label scheme`,
      {
        file,
        hint: 'Declare the label values and names of the classes, or check that this file is a segmentation saved without lossy (JPEG) compression.',
      },
    );
  }
  for (const value of values) found.add(value);
}

function summarise(values: number[]): string {
  return values.length <= 12 ? values.join(', ') : `${values.slice(0, 12).join(', ')}, ...`;
}

/**
 * Builds the class table. `pixelCounts[v]` is the number of stored slice
 * pixels with raw value v; fractions are of all stored mask pixels.
 */
export function buildClasses(
  scheme: LabelScheme | null,
  found: ReadonlySet<number>,
  pixelCounts: Float64Array,
  layoutScheme: LabelScheme | null = null,
): ClassInfo[] {
  const values = scheme ? scheme.values : [...found].sort((a, b) => a - b);
  const names = scheme ? scheme.names : (namesFromLayout(values, layoutScheme) ?? defaultNames(values));
  let total = 0;
  for (const count of pixelCounts) total += count;
  return values.map((rawValue, id) => ({
    id,
    rawValue,
    name: names[id],
    pixelFraction: total > 0 ? pixelCounts[rawValue] / total : 0,
  }));
}

/** Names found values as the layout's scheme does, when the scheme has every one of them. */
function namesFromLayout(values: number[], layoutScheme: LabelScheme | null): string[] | null {
  if (!layoutScheme || !values.every((value) => layoutScheme.values.includes(value))) return null;
  return values.map((value) => layoutScheme.names[layoutScheme.values.indexOf(value)]);
}

function defaultNames(values: number[]): string[] {
  const binary = values.every((value) => value === 0 || value === 1);
  return values.map((value) => {
    if (value === 0) return 'background';
    return binary ? 'foreground' : `label ${value}`;
  });
}

/** Adds the raw values of stored slice labels to per-value pixel counts. */
export function countLabels(pixelCounts: Float64Array, labels: Uint8Array): void {
  for (let i = 0; i < labels.length; i++) pixelCounts[labels[i]]++;
}
