/** Turns what ingest gathered into its report: split, slice counts and classes. */

import { LabError } from '../core/errors';
import type { Pairing } from '../io/pairing';
import { buildClasses } from './labels';
import type { IngestFailure, IngestReport, PairReport, SliceCounts } from './report';
import type { DatasetSplit, IngestOptions } from './slice-dataset';
import { splitBySlice, splitBySubject } from './split';
import { schemeOfLayouts } from './label-presets';

/** Tally that ingest gathers while it loads pairs; `summarise` turns it into the report. */
export interface IngestTally {
  pairs: PairReport[];
  failures: IngestFailure[];
  /** Label values found in the masks of the loaded pairs. */
  labelValues: Set<number>;
  /** Stored slice pixels per raw label value. */
  pixelCounts: Float64Array;
  /** `pairId#index` of every stored slice, in storage order, with its subject. */
  sliceKeys: { key: string; subject: string }[];
  channels: number | undefined;
}

export function summarise(tally: IngestTally, pairing: Pairing, options: IngestOptions): IngestReport {
  if (tally.sliceKeys.length === 0) throw emptyDataset(tally, pairing);

  const subjects = [...new Set(tally.sliceKeys.map((slice) => slice.subject))].sort();
  const split =
    subjects.length === 1
      ? splitBySlice(subjects[0], tally.sliceKeys.map((slice) => slice.key), options.testFraction, options.seed)
      : splitBySubject(subjects, options.testFraction, options.seed);
  return {
    pairs: tally.pairs,
    leftOut: pairing.leftOut,
    failures: tally.failures,
    classes: buildClasses(options.labels, tally.labelValues, tally.pixelCounts, schemeOfLayouts(pairing.pairs.map((pair) => pair.layout))),
    classSource: options.labels ? 'declared' : 'found',
    subjects,
    sliceCounts: countSlices(tally, split),
    split,
    channels: tally.channels ?? 1,
    size: options.size,
  };
}

function countSlices(tally: IngestTally, split: DatasetSplit): SliceCounts {
  const total = tally.sliceKeys.length;
  const test =
    split.unit === 'slice'
      ? (split.testSlices ?? []).length
      : tally.sliceKeys.filter((slice) => split.test.includes(slice.subject)).length;
  return { train: total - test, test };
}

/** Builds the empty-dataset error, listing why files were left out or failed, most frequent first. */
function emptyDataset(tally: IngestTally, pairing: Pairing): LabError {
  const reasons = new Map<string, number>();
  for (const file of pairing.leftOut) reasons.set(file.reason, (reasons.get(file.reason) ?? 0) + 1);
  const causes = [
    ...tally.failures.map((failure) => `${failure.file} failed: ${failure.message}`),
    ...[...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => `${count} ${count === 1 ? 'file' : 'files'} left out: ${reason}`),
  ];
  if (tally.pairs.length > 0) {
    causes.unshift(`all slices of the ${tally.pairs.length} loaded pairs have empty masks, and empty slices are dropped`);
  }
  const listed = causes.slice(0, 8).join('; ');
  const more = causes.length > 8 ? `; and ${causes.length - 8} more` : '';
  const problem =
    causes.length === 0 ? 'no files were given' : `no slice could be loaded: ${listed}${more}`;
  return new LabError('empty-dataset', problem, {
    hint: 'Drop a folder of images with their segmentation masks, named as in ACDC, SLiver07, IDRiD, CHASE_DB1 or DRIVE, or as X with X_mask, or under sibling images and masks folders.',
  });
}
