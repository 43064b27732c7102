/**
 * The study's results table: one row per training set of the segmentation
 * network (original data, augmented original data, each GAN's synthetic
 * data, original plus each GAN's), with the GAN's fidelity next to the Dice
 * it buys on real test data. Free of TensorFlow.js: exporters and the page
 * read it.
 */

export type TrainingSetKind = 'real' | 'augmented' | 'synthetic' | 'real+synthetic';

export interface ExperimentRow {
  /** Shown in the first column, e.g. "Original data" or "Original + WGAN-GP (step 2000)". */
  label: string;
  kind: TrainingSetKind;
  /** FID of the GAN in Inception space; null where not computed or not applicable. */
  fid: number | null;
  /** KID (mean) of the GAN in Inception space. */
  kid: number | null;
  /** FID in the feature space of the U-Net trained on the original data. */
  domainFid: number | null;
  /** Mean foreground Dice on the real test split, aggregated per patient. */
  meanDice: number | null;
  /** Dice of each foreground class, in `classNames` order. */
  classDice: (number | null)[];
}

export interface ExperimentTable {
  title: string;
  /** Foreground classes, background excluded. */
  classNames: string[];
  rows: ExperimentRow[];
  /** Facts a reader needs: dataset, sizes, samples, epochs, the empty-mask convention. */
  notes: string[];
}

/** Direction of "best" per numeric column: fidelity distances are better low, Dice high. */
export const COLUMN_GOALS = { fid: 'min', kid: 'min', domainFid: 'min', meanDice: 'max', classDice: 'max' } as const;

/** Row index of the best value in a column, or -1 when no row has a value. */
export function bestRow(values: (number | null)[], goal: 'min' | 'max'): number {
  let best = -1;
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) return;
    if (best < 0 || (goal === 'min' ? value < values[best]! : value > values[best]!)) best = i;
  });
  return best;
}
