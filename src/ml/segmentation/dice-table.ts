/**
 * A Dice report as a CSV table in long form, one Dice value per row, so that
 * it loads into pandas or R without reshaping:
 *
 *   scope,subject,slices,class_id,class,dice
 *   patients-mean,,70,0,background,0.9871      one row per class, mean over patients
 *   patients-mean,,70,,mean foreground,0.6012  the mean over classes 1..K-1
 *   slices-mean,,70,,mean foreground,0.5843    the mean over slices
 *   patient,patient002,14,0,background,0.9902  per patient: each class, then the mean
 */

import type { DiceReport } from './dice';

export const DICE_CSV_HEADER = 'scope,subject,slices,class_id,class,dice';

/** Formats `report` as CSV, naming class k `classNames[k]` and writing Dice with 6 decimals. */
export function diceCsv(report: DiceReport, classNames: readonly string[]): string {
  const rows = [DICE_CSV_HEADER];
  const name = (k: number) => csvField(classNames[k] ?? `class ${k}`);
  const value = (dice: number) => dice.toFixed(6);

  report.perClass.forEach((dice, k) => rows.push(`patients-mean,,${report.slices},${k},${name(k)},${value(dice)}`));
  rows.push(`patients-mean,,${report.slices},,mean foreground,${value(report.meanForeground)}`);
  rows.push(`slices-mean,,${report.slices},,mean foreground,${value(report.perSliceMeanForeground)}`);
  for (const patient of report.perPatient) {
    const subject = csvField(patient.subject);
    patient.perClass.forEach((dice, k) => rows.push(`patient,${subject},${patient.slices},${k},${name(k)},${value(dice)}`));
    rows.push(`patient,${subject},${patient.slices},,mean foreground,${value(patient.meanForeground)}`);
  }
  return `${rows.join('\n')}\n`;
}

/** Quotes a field that contains a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
