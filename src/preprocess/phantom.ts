/**
 * The built-in sample: a procedurally generated short-axis cardiac cine-MRI
 * phantom with ACDC labels (0 background, 1 right ventricle, 2 myocardium,
 * 3 left ventricle). It yields the same slices and report as an ingested
 * dataset, so the rest of the lab treats it as any other. Everything follows
 * from the seed: the same options give the same bytes.
 */

import { LabError } from '../core/errors';
import { Random } from '../core/random';
import type { Volume } from '../io/volume';
import { buildClasses, countLabels } from './labels';
import { normalizeVolume } from './normalize';
import { drawAnatomy, sliceGeometry } from './phantom/anatomy';
import { drawBiasField, renderSlice } from './phantom/render';
import type { IngestReport, PairReport } from './report';
import {
  DEFAULT_INGEST_OPTIONS,
  SLICE_SIZES,
  type ClassInfo,
  type LabelScheme,
  type Slice,
  type SliceSize,
} from './slice-dataset';
import { sliceKey, splitBySlice, splitBySubject } from './split';

export const ACDC_LABELS: LabelScheme = {
  values: [0, 1, 2, 3],
  names: ['background', 'right ventricle', 'myocardium', 'left ventricle'],
};

export interface PhantomOptions {
  subjects: number;
  slicesPerSubject: number;
  size: SliceSize;
  seed: number;
  /** Share of subjects held out for testing; default 0.2. */
  testFraction?: number;
}

export interface Phantom {
  slices: Slice[];
  classes: ClassInfo[];
  report: IngestReport;
}

/** Largest phantom accepted, to keep generation within seconds. */
const MAX_SUBJECTS = 500;
const MAX_SLICES_PER_SUBJECT = 64;

export function generatePhantom(options: PhantomOptions): Phantom {
  checkPhantomOptions(options);
  const slices: Slice[] = [];
  const pairs: PairReport[] = [];
  for (let s = 0; s < options.subjects; s++) {
    const subject = generateSubject(s, options);
    slices.push(...subject.slices);
    pairs.push(subject.pair);
  }
  const report = phantomReport(slices, pairs, options);
  return { slices, classes: report.classes, report };
}

/** Seed of subject s: its anatomy and noise do not depend on how many subjects or slices come before. */
function subjectSeed(seed: number, s: number): number {
  return (seed + Math.imul(s + 1, 0x9e3779b1)) >>> 0;
}

function generateSubject(s: number, options: PhantomOptions): { slices: Slice[]; pair: PairReport } {
  const { size, slicesPerSubject: depth } = options;
  const random = new Random(subjectSeed(options.seed, s));
  const anatomy = drawAnatomy(random);
  const bias = drawBiasField(random);
  const noiseSigma = 0.02 + 0.03 * random.uniform();

  // Render base (t = 0) to apex (t = 1) into one volume, so that intensities
  // are normalised per subject like an ingested MRI volume.
  const signal = new Float32Array(size * size * depth);
  const labels = new Uint8Array(size * size * depth);
  for (let k = 0; k < depth; k++) {
    const t = depth === 1 ? 0.3 : k / (depth - 1);
    const rendered = renderSlice(sliceGeometry(anatomy, t), size, anatomy.contrast, bias, noiseSigma, random);
    signal.set(rendered.signal, k * size * size);
    labels.set(rendered.labels, k * size * size);
  }
  const id = `phantom/subject-${String(s + 1).padStart(3, '0')}`;
  const volume: Volume = {
    source: id,
    format: 'nifti-1',
    dims: [size, size, depth],
    frames: 1,
    channels: 1,
    spacing: [1, 1, 1],
    dtype: 'float32',
    data: signal,
  };
  const normalized = normalizeVolume(volume, 'mri', DEFAULT_INGEST_OPTIONS);

  const subject = `phantom-${String(s + 1).padStart(3, '0')}`;
  const pixels = size * size;
  const slices: Slice[] = [];
  for (let k = 0; k < depth; k++) {
    slices.push({
      pairId: id,
      subject,
      index: k,
      image: normalized.data.slice(k * pixels, (k + 1) * pixels),
      labels: labels.slice(k * pixels, (k + 1) * pixels),
    });
  }
  const pair: PairReport = {
    id,
    subject,
    image: id,
    mask: `${id}/labels`,
    layout: 'phantom',
    modality: 'mri',
    maskEncoding: 'label-map',
    dims: [size, size, depth],
    frames: 1,
    intensityRanges: normalized.ranges,
    slices: depth,
  };
  return { slices, pair };
}

function phantomReport(slices: Slice[], pairs: PairReport[], options: PhantomOptions): IngestReport {
  const testFraction = options.testFraction ?? DEFAULT_INGEST_OPTIONS.testFraction;
  const pixelCounts = new Float64Array(256);
  for (const slice of slices) countLabels(pixelCounts, slice.labels);
  const subjects = pairs.map((pair) => pair.subject);
  const split =
    subjects.length === 1
      ? splitBySlice(subjects[0], slices.map((slice) => sliceKey(slice.pairId, slice.index)), testFraction, options.seed)
      : splitBySubject(subjects, testFraction, options.seed);
  const test =
    split.unit === 'slice'
      ? (split.testSlices ?? []).length
      : slices.filter((slice) => split.test.includes(slice.subject)).length;
  return {
    pairs,
    leftOut: [],
    failures: [],
    classes: buildClasses(ACDC_LABELS, new Set(ACDC_LABELS.values), pixelCounts),
    classSource: 'declared',
    subjects,
    sliceCounts: { train: slices.length - test, test },
    split,
    channels: 1,
    size: options.size,
  };
}

function checkPhantomOptions(options: PhantomOptions): void {
  const check = (ok: boolean, field: string, problem: string, hint: string) => {
    if (!ok) throw new LabError('invalid-config', problem, { field, hint });
  };
  const { subjects, slicesPerSubject, size } = options;
  check(
    Number.isInteger(subjects) && subjects >= 1 && subjects <= MAX_SUBJECTS,
    'subjects',
    `phantom subject count ${subjects} is not an integer in 1..${MAX_SUBJECTS}`,
    'Use for example 20 subjects.',
  );
  check(
    Number.isInteger(slicesPerSubject) && slicesPerSubject >= 1 && slicesPerSubject <= MAX_SLICES_PER_SUBJECT,
    'slicesPerSubject',
    `phantom slices per subject ${slicesPerSubject} is not an integer in 1..${MAX_SLICES_PER_SUBJECT}`,
    'Use for example 10 slices, as in an ACDC short-axis stack.',
  );
  check(
    (SLICE_SIZES as readonly number[]).includes(size),
    'size',
    `phantom slice size ${size} is not one of ${SLICE_SIZES.join(', ')}`,
    'Choose 32, 64, 128 or 256 pixels.',
  );
}
