/**
 * Seeded train/test splits. Whole subjects are held out, so that no patient
 * has slices on both sides. A dataset of one subject (one liver CT) can only
 * split its slices, so it holds out one contiguous run of them. Neighbouring
 * slices are near copies, and a random pick would put a neighbour of almost
 * every test slice into training.
 */

import { LabError } from '../core/errors';
import { Random } from '../core/random';
import type { DatasetSplit } from './slice-dataset';

/** Largest `testFraction` accepted; at least a tenth of the data trains. */
export const MAX_TEST_FRACTION = 0.9;

export function checkTestFraction(testFraction: number): void {
  if (testFraction >= 0 && testFraction <= MAX_TEST_FRACTION) return;
  throw new LabError('invalid-config', `test fraction ${testFraction} is outside [0, ${MAX_TEST_FRACTION}]`, {
    field: 'testFraction',
    hint: 'Use for example 0.2 to hold out a fifth of the subjects.',
  });
}

/**
 * Number of held-out items: round(fraction n), at least 1 and at most n - 1
 * when n >= 2 and the fraction is above 0.
 */
export function testCount(n: number, testFraction: number): number {
  if (n < 2 || testFraction === 0) return 0;
  return Math.min(n - 1, Math.max(1, Math.round(testFraction * n)));
}

/** Holds out `testFraction` of the subjects, chosen by a seeded shuffle of their sorted ids. */
export function splitBySubject(subjects: readonly string[], testFraction: number, seed: number): DatasetSplit {
  checkTestFraction(testFraction);
  const sorted = [...new Set(subjects)].sort();
  const shuffled = new Random(seed).shuffled(sorted);
  const testSubjects = new Set(shuffled.slice(0, testCount(sorted.length, testFraction)));
  return {
    train: sorted.filter((subject) => !testSubjects.has(subject)),
    test: sorted.filter((subject) => testSubjects.has(subject)),
    unit: 'subject',
    seed,
  };
}

/**
 * Holds out a contiguous run of `testFraction` of the slice keys (in the
 * given order, which is slice order), starting at a seeded position.
 */
export function splitBySlice(subject: string, sliceKeys: readonly string[], testFraction: number, seed: number): DatasetSplit {
  checkTestFraction(testFraction);
  const count = testCount(sliceKeys.length, testFraction);
  const first = new Random(seed).integer(sliceKeys.length - count + 1);
  return {
    train: [subject],
    test: count > 0 ? [subject] : [],
    unit: 'slice',
    seed,
    testSlices: sliceKeys.slice(first, first + count),
  };
}

/** Key of a slice in `DatasetSplit.testSlices`. */
export function sliceKey(pairId: string, index: number): string {
  return `${pairId}#${index}`;
}
