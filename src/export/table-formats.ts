/**
 * The results table as CSV, JSON, Markdown and LaTeX. Columns: training set,
 * FID, KID, FID in U-Net features, mean Dice, then Dice per class. Decimal
 * places are in DECIMALS. The best value of each column (lowest FID and KID,
 * highest Dice) is bold in Markdown and LaTeX and listed under `best` in JSON.
 */

import type { ExperimentTable } from '../ml/experiments/experiment-table';
import { formatValue, LABEL_HEADER, numericColumns, type NumericColumn } from './table-columns';

const EN_DASH = '\u2013';

/**
 * Writes RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180): a header
 * row, CRLF after every record, and fields that contain a comma, a double
 * quote or a line break enclosed in double quotes, with inner quotes doubled.
 * Missing values are empty fields. Title and notes have no place in CSV.
 */
export function tableToCsv(table: ExperimentTable): string {
  const columns = numericColumns(table);
  const header = [LABEL_HEADER, ...columns.map((column) => column.header)];
  const records = table.rows.map((row, r) => [row.label, ...columns.map((column) => formatValue(column.values[r], column.decimals) ?? '')]);
  return [header, ...records].map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('');
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Best row index per column, null where no row has a value. `classDice` follows `classNames` order. */
export interface BestRows {
  fid: number | null;
  kid: number | null;
  domainFid: number | null;
  meanDice: number | null;
  classDice: (number | null)[];
}

/**
 * Writes the table as indented JSON with full-precision values, null for
 * missing ones, and a `best` map from each column to the row index of its
 * best value.
 */
export function tableToJson(table: ExperimentTable): string {
  const columns = numericColumns(table);
  const bestOf = (column: NumericColumn) => (column.best >= 0 ? column.best : null);
  const [fid, kid, domainFid, meanDice, ...classColumns] = columns;
  const best: BestRows = {
    fid: bestOf(fid),
    kid: bestOf(kid),
    domainFid: bestOf(domainFid),
    meanDice: bestOf(meanDice),
    classDice: classColumns.map(bestOf),
  };
  const rows = table.rows.map((row, r) => ({
    label: row.label,
    kind: row.kind,
    fid: fid.values[r],
    kid: kid.values[r],
    domainFid: domainFid.values[r],
    meanDice: meanDice.values[r],
    classDice: classColumns.map((column) => column.values[r]),
  }));
  const document = { title: table.title, classNames: table.classNames, rows, best, notes: table.notes };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * Writes a GitHub-flavoured Markdown table under the title in bold, numeric
 * columns right-aligned, missing values as an en dash, and the notes as a
 * list below.
 */
export function tableToMarkdown(table: ExperimentTable): string {
  const columns = numericColumns(table);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const header = line([LABEL_HEADER, ...columns.map((column) => markdownText(column.header))]);
  const separator = line([':---', ...columns.map(() => '---:')]);
  const rows = table.rows.map((row, r) =>
    line([markdownText(row.label), ...columns.map((column) => markdownCell(column, r))]),
  );

  const parts = [`**${markdownText(table.title)}**`, [header, separator, ...rows].join('\n')];
  if (table.notes.length > 0) parts.push(table.notes.map((note) => `- ${markdownText(note)}`).join('\n'));
  return `${parts.join('\n\n')}\n`;
}

function markdownCell(column: NumericColumn, r: number): string {
  const text = formatValue(column.values[r], column.decimals);
  if (text === null) return EN_DASH;
  return column.best === r ? `**${text}**` : text;
}

/** Backslash-escapes the characters that Markdown reads as inline syntax or as a table cell border. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

/**
 * Writes a LaTeX table with booktabs rules (`\usepackage{booktabs}`): one
 * left-aligned label column, right-aligned numeric columns, the title as the
 * caption and the notes in a footnote-sized paragraph under the tabular.
 * Missing values are an en dash (`--`), negative numbers get a math minus.
 */
export function tableToLatex(table: ExperimentTable): string {
  const columns = numericColumns(table);
  const row = (cells: string[]) => `    ${cells.join(' & ')} \\\\`;
  const lines = [
    '% Needs \\usepackage{booktabs} in the preamble.',
    '\\begin{table}[htbp]',
    '  \\centering',
    `  \\caption{${latexText(table.title)}}`,
    `  \\begin{tabular}{l${'r'.repeat(columns.length)}}`,
    '    \\toprule',
    row([LABEL_HEADER, ...columns.map((column) => latexText(column.header))]),
    '    \\midrule',
    ...table.rows.map((experiment, r) => row([latexText(experiment.label), ...columns.map((column) => latexCell(column, r))])),
    '    \\bottomrule',
    '  \\end{tabular}',
  ];
  if (table.notes.length > 0) {
    lines.push('  \\par\\smallskip', `  {\\footnotesize ${table.notes.map(latexText).join(' ')}\\par}`);
  }
  lines.push('\\end{table}');
  return `${lines.join('\n')}\n`;
}

function latexCell(column: NumericColumn, r: number): string {
  const text = formatValue(column.values[r], column.decimals);
  if (text === null) return '--';
  const signed = text.startsWith('-') ? `$-$${text.slice(1)}` : text;
  return column.best === r ? `\\textbf{${signed}}` : signed;
}

const LATEX_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes LaTeX's special characters in one pass, so the backslashes it inserts are not escaped again. */
function latexText(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (character) => LATEX_ESCAPES[character]).replace(/\r?\n/g, ' ');
}
