import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LabError } from '../../core/errors';
import { decodeMask } from '../../preprocess/mask';
import { sharedCasesDir, sharedPath } from '../../testing/shared';
import { readDiskFiles } from '../../testing/volumes';
import { DiceAccumulator, diceFromSizes, dicePerClass, diceReport, meanForeground } from './dice';

/** Label map of a `side` x `side` slice with `value` on rows and columns r0..r1 inclusive. */
function square(side: number, r0: number, r1: number, value = 1): Uint8Array {
  const labels = new Uint8Array(side * side);
  for (let row = r0; row <= r1; row++) {
    for (let col = r0; col <= r1; col++) labels[row * side + col] = value;
  }
  return labels;
}

describe('Dice per class', () => {
  test('identical maps give 1', () => {
    const labels = Uint8Array.from([0, 1, 1, 2, 2, 2]);
    expect(dicePerClass(labels, labels.slice(), 3)).toEqual([1, 1, 1]);
  });

  test('disjoint maps give 0', () => {
    const predicted = Uint8Array.from([1, 1, 0, 0]);
    const truth = Uint8Array.from([0, 0, 1, 1]);
    expect(dicePerClass(predicted, truth, 2)).toEqual([0, 0]);
  });

  test('half overlap', () => {
    // Class 1: 4 predicted, 4 true, 2 shared: 2 * 2 / (4 + 4) = 0.5.
    // Class 0: 4 predicted, 4 true, 2 shared: also 0.5.
    const predicted = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
    const truth = Uint8Array.from([0, 0, 1, 1, 1, 1, 0, 0]);
    expect(dicePerClass(predicted, truth, 2)).toEqual([0.5, 0.5]);
  });

  test('class absent from both counts 1', () => {
    const labels = Uint8Array.from([0, 1, 1, 0]);
    expect(dicePerClass(labels, labels.slice(), 3)[2]).toBe(1);
    expect(diceFromSizes(0, 0, 0)).toBe(1);
  });

  test('class in one map only counts 0', () => {
    const predicted = Uint8Array.from([0, 0, 0, 0]);
    const truth = Uint8Array.from([0, 2, 0, 0]);
    const dice = dicePerClass(predicted, truth, 3);
    expect(dice[2]).toBe(0);
    expect(dice[1]).toBe(1);
    // Class 0: 4 predicted, 3 true, 3 shared: 6 / 7.
    expect(dice[0]).toBeCloseTo(6 / 7, 12);
  });

  test('three classes, hand-counted', () => {
    const predicted = Uint8Array.from([0, 1, 1, 2, 2, 0]);
    const truth = Uint8Array.from([0, 1, 2, 2, 2, 1]);
    // Class 0: P {0, 5}, T {0}: 2 / 3. Class 1: P {1, 2}, T {1, 5}: 2 / 4.
    // Class 2: P {3, 4}, T {2, 3, 4}: 4 / 5.
    const dice = dicePerClass(predicted, truth, 3);
    expect(dice[0]).toBeCloseTo(2 / 3, 12);
    expect(dice[1]).toBeCloseTo(0.5, 12);
    expect(dice[2]).toBeCloseTo(0.8, 12);
    expect(meanForeground(dice)).toBeCloseTo(0.65, 12);
  });

  test('class id beyond numClasses is rejected', () => {
    expect(() => dicePerClass(Uint8Array.from([0, 3]), Uint8Array.from([0, 1]), 2)).toThrow(/predicted label map contains class id 3, outside 0..1/);
  });

  test('size mismatch is rejected', () => {
    expect(() => dicePerClass(new Uint8Array(4), new Uint8Array(5), 2)).toThrow(LabError);
  });
});

describe('Dice per patient', () => {
  test('volume Dice differs from slice mean', () => {
    // Slice A: one true foreground pixel, none predicted: slice Dice 0.
    // Slice B: a 3x3 square predicted exactly: slice Dice 1.
    // Volume: 2 * 9 / (9 + 10) = 18 / 19, while the slice mean is 0.5.
    const truthA = new Uint8Array(16);
    truthA[5] = 1;
    const predictedA = new Uint8Array(16);
    const squareB = square(4, 0, 2);
    const accumulator = new DiceAccumulator(2);
    accumulator.addSlice(predictedA, truthA, 'p1');
    accumulator.addSlice(squareB, squareB.slice(), 'p1');
    const report = accumulator.report();

    expect(report.perPatient).toHaveLength(1);
    expect(report.perPatient[0].perClass[1]).toBeCloseTo(18 / 19, 12);
    expect(report.meanForeground).toBeCloseTo(18 / 19, 12);
    expect(report.perSliceMeanForeground).toBeCloseTo(0.5, 12);
    // Background: slice A 15 true, 16 predicted, 15 shared; slice B 7 and 7 exact.
    expect(report.perClass[0]).toBeCloseTo((2 * 22) / (23 + 22), 12);
  });

  test('report averages patients, not slices', () => {
    // p1 has two perfect slices, p2 one slice with Dice 0 for class 1.
    const perfect = square(4, 1, 2);
    const missed = new Uint8Array(16);
    const subjects = ['p1', 'p1', 'p2'];
    const predicted = new Uint8Array([...perfect, ...perfect, ...missed]);
    const truth = new Uint8Array([...perfect, ...perfect, ...perfect]);
    const report = diceReport(predicted, truth, subjects, 2);

    expect(report.patients).toBe(2);
    expect(report.slices).toBe(3);
    expect(report.perPatient.map((patient) => patient.subject)).toEqual(['p1', 'p2']);
    expect(report.perPatient[1].meanForeground).toBe(0);
    expect(report.meanForeground).toBeCloseTo(0.5, 12);
    expect(report.perSliceMeanForeground).toBeCloseTo(2 / 3, 12);
  });

  test('empty report is rejected', () => {
    expect(() => new DiceAccumulator(2).report()).toThrow(/no slices/);
  });
});

function caseFile(caseName: string, file: string): string {
  return sharedPath(sharedCasesDir, caseName, file);
}

async function readMask(caseName: string, file: string) {
  const volume = await readDiskFiles({ [file]: caseFile(caseName, file) });
  return decodeMask(volume, null);
}

describe('Dice on shared mask cases', () => {
  test('0/255 truth against 0/1 prediction', async () => {
    const name = '10-mask-0-255-vs-0-1';
    const expected = JSON.parse(readFileSync(caseFile(name, 'expected.json'), 'utf8'));
    const truth = await readMask(name, 'mask_gt_0_255.png');
    const predicted = await readMask(name, 'mask_pred_0_1.png');

    expect(truth.encoding).toBe('binary-0-255');
    expect(predicted.encoding).toBe('binary-0-1');
    const report = diceReport(predicted.labels, truth.labels, ['case'], 2);
    expect(report.perClass[1]).toBeCloseTo(expected.dice, 12);
    expect(report.meanForeground).toBeCloseTo(0.5625, 12);
    // 2 * 36 / (64 + 64) from the counts the case gives.
    expect(2 * expected.intersection / (expected['mask_gt_0_255.png'].foreground_pixels + expected['mask_pred_0_1.png'].foreground_pixels)).toBe(0.5625);
  });

  test('empty masks follow the documented convention', async () => {
    const name = '20-dice-empty-masks';
    const expected = JSON.parse(readFileSync(caseFile(name, 'expected.json'), 'utf8'));
    const pairs: [string, string][] = [
      ['gt_empty.png', 'pred_empty.png'],
      ['gt_small_lesion.png', 'pred_empty.png'],
      ['gt_empty.png', 'pred_shifted.png'],
      ['gt_small_lesion.png', 'pred_shifted.png'],
    ];
    const accumulator = new DiceAccumulator(2);
    for (const [truthFile, predictedFile] of pairs) {
      const truth = await readMask(name, truthFile);
      const predicted = await readMask(name, predictedFile);
      const dice = dicePerClass(predicted.labels, truth.labels, 2)[1];
      expect(dice, `${truthFile} + ${predictedFile}`).toBe(expected.pairs[`${truthFile} + ${predictedFile}`].dice);
      // Each pair is its own subject, so the patient mean is the mean over pairs.
      accumulator.addSlice(predicted.labels, truth.labels, `${truthFile} + ${predictedFile}`);
    }
    const report = accumulator.report();

    expect(report.meanForeground).toBeCloseTo(expected.mean_over_4_pairs_if_empty_counts_as_1, 12);
    expect(report.meanForeground).toBeCloseTo(0.390625, 12);
    expect(report.perSliceMeanForeground).toBeCloseTo(0.390625, 12);
    for (const patient of report.perPatient) {
      for (const value of patient.perClass) {
        expect(Number.isNaN(value)).toBe(false);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  });
});
