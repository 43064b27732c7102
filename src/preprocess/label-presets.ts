/** Label schemes of the datasets the lab knows, offered when a folder is added. */

import type { PairLayout } from '../io/pairing/types';
import type { LabelScheme } from './slice-dataset';

export interface LabelPreset {
  id: string;
  title: string;
  /** null: take the labels found in the masks. */
  scheme: LabelScheme | null;
}

export const LABEL_PRESETS: LabelPreset[] = [
  { id: 'detect', title: 'Detect from the masks', scheme: null },
  {
    id: 'acdc',
    title: 'ACDC cardiac MRI (4 classes)',
    scheme: { values: [0, 1, 2, 3], names: ['background', 'right ventricle', 'myocardium', 'left ventricle'] },
  },
  { id: 'liver', title: 'Liver CT, SLiver07 (2 classes)', scheme: { values: [0, 1], names: ['background', 'liver'] } },
  { id: 'optic-disc', title: 'Optic disc, IDRiD (2 classes)', scheme: { values: [0, 1], names: ['background', 'optic disc'] } },
  { id: 'vessels', title: 'Retinal vessels, DRIVE or CHASE_DB1 (2 classes)', scheme: { values: [0, 1], names: ['background', 'vessel'] } },
];

/** Preset id of each layout whose masks use that preset's values, so detected classes get its names. */
const LAYOUT_PRESETS: Partial<Record<PairLayout, string>> = {
  acdc: 'acdc',
  sliver07: 'liver',
  idrid: 'optic-disc',
  drive: 'vessels',
  'chase-db1': 'vessels',
};

/** Returns the label scheme that the pairs' common layout implies, or null for mixed or generic layouts. */
export function schemeOfLayouts(layouts: readonly PairLayout[]): LabelScheme | null {
  const distinct = new Set(layouts);
  if (distinct.size !== 1) return null;
  const id = LAYOUT_PRESETS[layouts[0]];
  return LABEL_PRESETS.find((preset) => preset.id === id)?.scheme ?? null;
}
