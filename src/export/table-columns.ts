/**
 * The numeric columns of an ExperimentTable as the exporters lay them out:
 * FID, KID, FID in U-Net features, mean Dice, then Dice per class, each with
 * its header, its decimal places and the row with its best value.
 */

import { LabError } from '../core/errors';
import { bestRow, COLUMN_GOALS, type ExperimentTable } from '../ml/experiments/experiment-table';

/**
 * Decimal places of each metric in the text exports (CSV, Markdown, LaTeX).
 * The JSON export keeps full precision.
 */
export const DECIMALS = { fid: 2, kid: 4, dice: 3 } as const;

/** Header of the first column, the rows' labels. */
export const LABEL_HEADER = 'Training set';

export interface NumericColumn {
  header: string;
  decimals: number;
  /** One value per row, null where missing or not finite. */
  values: (number | null)[];
  /** Row index of the best value by COLUMN_GOALS, or -1 when no row has a value. */
  best: number;
}

/** Lists the numeric columns in export order. Throws LabError when a row's class Dice do not match the class names. */
export function numericColumns(table: ExperimentTable): NumericColumn[] {
  checkClassDice(table);
  const rows = table.rows;
  const column = (header: string, decimals: number, goal: 'min' | 'max', values: (number | null)[]): NumericColumn => {
    const finite = values.map((value) => (value !== null && Number.isFinite(value) ? value : null));
    return { header, decimals, values: finite, best: bestRow(finite, goal) };
  };
  return [
    column('FID', DECIMALS.fid, COLUMN_GOALS.fid, rows.map((row) => row.fid)),
    column('KID', DECIMALS.kid, COLUMN_GOALS.kid, rows.map((row) => row.kid)),
    column('FID (U-Net features)', DECIMALS.fid, COLUMN_GOALS.domainFid, rows.map((row) => row.domainFid)),
    column('Mean Dice', DECIMALS.dice, COLUMN_GOALS.meanDice, rows.map((row) => row.meanDice)),
    ...table.classNames.map((name, c) =>
      column(name, DECIMALS.dice, COLUMN_GOALS.classDice, rows.map((row) => row.classDice[c])),
    ),
  ];
}

/** Formats a value with fixed decimals, or returns null for a missing value. A rounded negative zero loses its sign. */
export function formatValue(value: number | null, decimals: number): string | null {
  if (value === null) return null;
  const text = value.toFixed(decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

function checkClassDice(table: ExperimentTable): void {
  for (const row of table.rows) {
    if (row.classDice.length !== table.classNames.length) {
      throw new LabError(
        'shape-mismatch',
        `row "${row.label}" has ${row.classDice.length} class Dice values but the table has ${table.classNames.length} class names`,
        { hint: 'Give every row one Dice value (or null) per foreground class, in classNames order.' },
      );
    }
  }
}
