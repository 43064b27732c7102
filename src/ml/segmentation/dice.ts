/**
 * Dice similarity coefficient of predicted and true label maps (`Uint8Array`
 * of class ids, one per pixel), per class:
 *
 *   Dice_k = 2 |P_k ∩ T_k| / (|P_k| + |T_k|)
 *
 * Empty masks: when class k is absent from both P and T the ratio is 0 / 0.
 * This module counts that case as Dice 1 (a correct "nothing here"), and a
 * class present in only one of them as 0, as pymia and fastai do. nnU-Net
 * instead leaves 0 / 0 undefined and excludes those cases from its means, so
 * its means over classes or cases can differ from these. Every value is thus
 * in [0, 1], never NaN.
 *
 * Three aggregations:
 * - per slice: Dice of each 2D slice on its own;
 * - per patient (volume Dice): intersections and sizes summed over all
 *   slices of a subject before the ratio, so a small structure on one slice
 *   weighs by its pixels, not as a whole slice;
 * - the report's per-class values are means over patients of the volume Dice,
 *   and the mean foreground Dice is the mean over classes 1..K-1.
 */

import { LabError } from '../../core/errors';

/** Pixel counts per class, summed over one or more slices. */
export interface OverlapCounts {
  /** |P_k ∩ T_k| per class k. */
  intersection: number[];
  /** |P_k| per class k. */
  predicted: number[];
  /** |T_k| per class k. */
  truth: number[];
}

export interface PatientDice {
  subject: string;
  /** Slices of the subject that were evaluated. */
  slices: number;
  /** Volume Dice of classes 0..K-1. */
  perClass: number[];
  meanForeground: number;
}

export interface DiceReport {
  /** Per class 0..K-1, the mean over patients of the volume Dice. */
  perClass: number[];
  /** Mean of `perClass` over the foreground classes 1..K-1. */
  meanForeground: number;
  /** One entry per subject, in the order the subjects first appear. */
  perPatient: PatientDice[];
  /** Mean over slices of each slice's mean foreground Dice. */
  perSliceMeanForeground: number;
  slices: number;
  patients: number;
}

/** Dice of one class from its counts, with both empty = 1 and one empty = 0. */
export function diceFromSizes(intersection: number, predicted: number, truth: number): number {
  const sizes = predicted + truth;
  if (sizes === 0) return 1;
  return (2 * intersection) / sizes;
}

export function emptyCounts(numClasses: number): OverlapCounts {
  return {
    intersection: new Array<number>(numClasses).fill(0),
    predicted: new Array<number>(numClasses).fill(0),
    truth: new Array<number>(numClasses).fill(0),
  };
}

/** Adds the counts of one pair of label maps to `counts` and returns it. */
export function addOverlap(predicted: Uint8Array, truth: Uint8Array, counts: OverlapCounts): OverlapCounts {
  const numClasses = counts.intersection.length;
  if (predicted.length !== truth.length) {
    throw new LabError('shape-mismatch', `the predicted label map has ${predicted.length} pixels and the true one ${truth.length}`, {
      hint: 'Compare label maps of the same slice size.',
    });
  }
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i];
    const t = truth[i];
    if (p >= numClasses || t >= numClasses) throw classOutOfRange(Math.max(p, t), numClasses, p >= numClasses ? 'predicted' : 'true');
    counts.predicted[p] += 1;
    counts.truth[t] += 1;
    if (p === t) counts.intersection[p] += 1;
  }
  return counts;
}

export function diceOfCounts(counts: OverlapCounts): number[] {
  return counts.intersection.map((overlap, k) => diceFromSizes(overlap, counts.predicted[k], counts.truth[k]));
}

/** Dice of classes 0..numClasses-1 for one pair of label maps. */
export function dicePerClass(predicted: Uint8Array, truth: Uint8Array, numClasses: number): number[] {
  checkClassCount(numClasses);
  return diceOfCounts(addOverlap(predicted, truth, emptyCounts(numClasses)));
}

/** Mean over the foreground classes 1..K-1 of per-class Dice values. */
export function meanForeground(perClass: readonly number[]): number {
  if (perClass.length < 2) {
    throw new LabError('invalid-argument', `mean foreground Dice needs a background and at least one foreground class, got ${perClass.length} classes`);
  }
  return mean(perClass.slice(1));
}

/**
 * Collects slices one at a time (so that predictions never have to be held
 * all at once) and reports slice, patient and overall Dice.
 */
export class DiceAccumulator {
  private readonly patients = new Map<string, { counts: OverlapCounts; slices: number }>();
  private sliceForegroundSum = 0;
  private sliceCount = 0;

  constructor(readonly numClasses: number) {
    checkClassCount(numClasses);
  }

  /** Adds one slice `[H, W]` of subject `subject`. */
  addSlice(predicted: Uint8Array, truth: Uint8Array, subject: string): void {
    const slice = addOverlap(predicted, truth, emptyCounts(this.numClasses));
    this.sliceForegroundSum += meanForeground(diceOfCounts(slice));
    this.sliceCount += 1;

    const patient = this.patients.get(subject) ?? { counts: emptyCounts(this.numClasses), slices: 0 };
    for (let k = 0; k < this.numClasses; k++) {
      patient.counts.intersection[k] += slice.intersection[k];
      patient.counts.predicted[k] += slice.predicted[k];
      patient.counts.truth[k] += slice.truth[k];
    }
    patient.slices += 1;
    this.patients.set(subject, patient);
  }

  report(): DiceReport {
    if (this.sliceCount === 0) {
      throw new LabError('empty-dataset', 'no slices were added, so there is no Dice to report', {
        hint: 'Evaluate on a test split with at least one slice.',
      });
    }
    const perPatient = [...this.patients].map(([subject, { counts, slices }]): PatientDice => {
      const perClass = diceOfCounts(counts);
      return { subject, slices, perClass, meanForeground: meanForeground(perClass) };
    });
    const perClass = Array.from({ length: this.numClasses }, (_, k) => mean(perPatient.map((patient) => patient.perClass[k])));
    return {
      perClass,
      meanForeground: meanForeground(perClass),
      perPatient,
      perSliceMeanForeground: this.sliceForegroundSum / this.sliceCount,
      slices: this.sliceCount,
      patients: perPatient.length,
    };
  }
}

/**
 * Dice report of `subjects.length` slices stored back to back:
 * `predicted` and `truth` are `[slices, H, W]`, `subjects[i]` owns slice i.
 */
export function diceReport(predicted: Uint8Array, truth: Uint8Array, subjects: readonly string[], numClasses: number): DiceReport {
  const slices = subjects.length;
  if (predicted.length !== truth.length || slices === 0 || truth.length % slices !== 0) {
    throw new LabError('shape-mismatch', `label maps of ${predicted.length} and ${truth.length} pixels do not split into ${slices} equal slices`, {
      hint: 'Give one subject per slice and label maps of equal size.',
    });
  }
  const pixels = truth.length / slices;
  const accumulator = new DiceAccumulator(numClasses);
  for (let i = 0; i < slices; i++) {
    accumulator.addSlice(predicted.subarray(i * pixels, (i + 1) * pixels), truth.subarray(i * pixels, (i + 1) * pixels), subjects[i]);
  }
  return accumulator.report();
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function checkClassCount(numClasses: number): void {
  if (Number.isInteger(numClasses) && numClasses >= 2 && numClasses <= 256) return;
  throw new LabError('invalid-argument', `numClasses is ${numClasses}; Dice needs a whole number of classes from 2 to 256, background included`, {
    field: 'numClasses',
  });
}

function classOutOfRange(value: number, numClasses: number, labelMap: 'predicted' | 'true'): LabError {
  return new LabError('invalid-argument', `the ${labelMap} label map contains class id ${value}, outside 0..${numClasses - 1}`, {
    hint: 'Map raw mask values to contiguous class ids before computing Dice.',
  });
}
