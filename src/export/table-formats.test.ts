import { describe, expect, it } from 'vitest';

import { LabError } from '../core/errors';
import type { ExperimentRow, ExperimentTable } from '../ml/experiments/experiment-table';
import { tableToCsv, tableToJson, tableToLatex, tableToMarkdown } from './table-formats';

/**
 * Best values: FID row 2 (38.00), KID row 1 (0.0123), U-Net FID row 1
 * (12.50), mean Dice row 2 (0.812), RV row 1 (0.812), the second class row 2
 * (0.812, because row 1 has none).
 */
const table: ExperimentTable = {
  title: 'Dice on ACDC, 20% test split',
  classNames: ['RV', 'left_ventricle & co'],
  rows: [
    { label: 'Original data', kind: 'real', fid: null, kid: null, domainFid: null, meanDice: 0.8, classDice: [0.79, 0.81] },
    { label: 'WGAN-GP, step 2000', kind: 'synthetic', fid: 41.237, kid: 0.01234, domainFid: 12.5, meanDice: 0.7, classDice: [0.8123, null] },
    { label: 'Original + "WGAN-GP"', kind: 'real+synthetic', fid: 38.001, kid: 0.0151, domainFid: 13.254, meanDice: 0.8124, classDice: [0.7, 0.8119] },
  ],
  notes: ['ACDC, 100 patients.', 'Empty masks: Dice 1 if both empty.'],
};

function row(label: string, values: Partial<ExperimentRow>): ExperimentRow {
  return { label, kind: 'synthetic', fid: null, kid: null, domainFid: null, meanDice: null, classDice: [], ...values };
}

function tableOf(rows: ExperimentRow[], classNames: string[] = []): ExperimentTable {
  return { title: 'T', classNames, rows, notes: [] };
}

describe('tableToCsv', () => {
  it('writes the example table', () => {
    expect(tableToCsv(table)).toBe(
      'Training set,FID,KID,FID (U-Net features),Mean Dice,RV,left_ventricle & co\r\n' +
        'Original data,,,,0.800,0.790,0.810\r\n' +
        '"WGAN-GP, step 2000",41.24,0.0123,12.50,0.700,0.812,\r\n' +
        '"Original + ""WGAN-GP""",38.00,0.0151,13.25,0.812,0.700,0.812\r\n',
    );
  });

  it('quotes line breaks and quotes', () => {
    const csv = tableToCsv(tableOf([row('two\nlines', { classDice: [null] }), row('say "hi"', { classDice: [null] }), row('plain', { classDice: [null] })], ['a,b']));
    expect(csv).toBe(
      'Training set,FID,KID,FID (U-Net features),Mean Dice,"a,b"\r\n' +
        '"two\nlines",,,,,\r\n' +
        '"say ""hi""",,,,,\r\n' +
        'plain,,,,,\r\n',
    );
  });
});

describe('tableToMarkdown', () => {
  it('writes the example table', () => {
    expect(tableToMarkdown(table)).toBe(
      [
        '**Dice on ACDC, 20% test split**',
        '',
        '| Training set | FID | KID | FID (U-Net features) | Mean Dice | RV | left\\_ventricle & co |',
        '| :--- | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| Original data | – | – | – | 0.800 | 0.790 | 0.810 |',
        '| WGAN-GP, step 2000 | 41.24 | **0.0123** | **12.50** | 0.700 | **0.812** | – |',
        '| Original + "WGAN-GP" | **38.00** | 0.0151 | 13.25 | **0.812** | 0.700 | **0.812** |',
        '',
        '- ACDC, 100 patients.',
        '- Empty masks: Dice 1 if both empty.',
        '',
      ].join('\n'),
    );
  });

  it('escapes pipes and emphasis', () => {
    const markdown = tableToMarkdown(tableOf([row('a|b *c*', { meanDice: 0.5 })]));
    expect(markdown).toContain('| a\\|b \\*c\\* | – | – | – | **0.500** |');
  });
});

describe('tableToLatex', () => {
  it('writes the example table', () => {
    expect(tableToLatex(table)).toBe(
      [
        String.raw`% Needs \usepackage{booktabs} in the preamble.`,
        String.raw`\begin{table}[htbp]`,
        String.raw`  \centering`,
        String.raw`  \caption{Dice on ACDC, 20\% test split}`,
        String.raw`  \begin{tabular}{lrrrrrr}`,
        String.raw`    \toprule`,
        String.raw`    Training set & FID & KID & FID (U-Net features) & Mean Dice & RV & left\_ventricle \& co \\`,
        String.raw`    \midrule`,
        String.raw`    Original data & -- & -- & -- & 0.800 & 0.790 & 0.810 \\`,
        String.raw`    WGAN-GP, step 2000 & 41.24 & \textbf{0.0123} & \textbf{12.50} & 0.700 & \textbf{0.812} & -- \\`,
        String.raw`    Original + "WGAN-GP" & \textbf{38.00} & 0.0151 & 13.25 & \textbf{0.812} & 0.700 & \textbf{0.812} \\`,
        String.raw`    \bottomrule`,
        String.raw`  \end{tabular}`,
        String.raw`  \par\smallskip`,
        String.raw`  {\footnotesize ACDC, 100 patients. Empty masks: Dice 1 if both empty.\par}`,
        String.raw`\end{table}`,
        '',
      ].join('\n'),
    );
  });

  it('escapes every special character', () => {
    const latex = tableToLatex(tableOf([row('a\\b&c%d$e#f_g{h}i~j^k', { classDice: [null] })], ['x_1']));
    expect(latex).toContain(String.raw`    a\textbackslash{}b\&c\%d\$e\#f\_g\{h\}i\textasciitilde{}j\textasciicircum{}k & -- & -- & -- & -- & -- \\`);
    expect(latex).toContain(String.raw`& Mean Dice & x\_1 \\`);
  });

  it('leaves out an empty notes paragraph', () => {
    expect(tableToLatex(tableOf([]))).not.toContain('footnotesize');
  });
});

describe('negative values', () => {
  const negative = tableOf([row('a', { kid: -0.0012 }), row('b', { kid: -0.00004 }), row('c', { kid: 0.002 })]);

  it('best KID is the most negative', () => {
    expect(tableToMarkdown(negative)).toContain('| a | – | **-0.0012** |');
  });

  it('rounded negative zero has no sign', () => {
    expect(tableToCsv(negative)).toContain('b,,0.0000,');
  });

  it('LaTeX uses a math minus', () => {
    expect(tableToLatex(negative)).toContain(String.raw`a & -- & \textbf{$-$0.0012} &`);
  });
});

describe('tableToJson', () => {
  it('flags best rows and keeps full precision', () => {
    const json = JSON.parse(tableToJson(table));
    expect(json.best).toEqual({ fid: 2, kid: 1, domainFid: 1, meanDice: 2, classDice: [1, 2] });
    expect(json.rows[1]).toEqual({
      label: 'WGAN-GP, step 2000',
      kind: 'synthetic',
      fid: 41.237,
      kid: 0.01234,
      domainFid: 12.5,
      meanDice: 0.7,
      classDice: [0.8123, null],
    });
    expect(json.rows[0].fid).toBeNull();
    expect(json.classNames).toEqual(['RV', 'left_ventricle & co']);
    expect(json.notes).toEqual(table.notes);
    expect(json.title).toBe(table.title);
  });

  it('best is null for an empty column', () => {
    const json = JSON.parse(tableToJson(tableOf([row('a', { fid: Number.NaN, classDice: [null] })], ['x'])));
    expect(json.best).toEqual({ fid: null, kid: null, domainFid: null, meanDice: null, classDice: [null] });
    expect(json.rows[0].fid).toBeNull();
  });
});

describe('table checks', () => {
  it('rejects class Dice of the wrong length', () => {
    const bad = tableOf([row('short', { classDice: [0.5] })], ['a', 'b']);
    for (const format of [tableToCsv, tableToJson, tableToMarkdown, tableToLatex]) {
      let error: unknown;
      try {
        format(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(LabError);
      expect((error as LabError).code).toBe('shape-mismatch');
      expect((error as LabError).message).toContain('row "short" has 1 class Dice values but the table has 2 class names');
    }
  });
});
