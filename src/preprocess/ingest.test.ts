import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reference from '../../scripts/reference/ingest-reference.json';
import { inputFileFromBytes, type InputFile } from '../io/input-file';
import { listFolderFiles } from '../io/node-folder';
import { sharedDataDir, sharedPath } from '../testing/shared';
import { ingest, type IngestReport } from './ingest';
import { createMemorySink, type MemorySink } from './memory-sink';
import { DEFAULT_INGEST_OPTIONS, type IngestOptions, type Slice } from './slice-dataset';
import { labErrorOf } from '../testing/lab-error';

interface PairReference {
  depth: number;
  dims: number[];
  labelCounts: Record<string, number>;
  imageMean: number;
  nonEmptySlices: number;
  slice?: { index: number; image: number[] };
}

const acdcReference = reference.acdc as Record<string, PairReference>;
const liverReference = reference.liver as Record<string, PairReference>;
const options32: IngestOptions = { ...DEFAULT_INGEST_OPTIONS, size: 32 };

function slicesOf(sink: MemorySink, pairId: string): Slice[] {
  return sink.slices.filter((slice) => slice.pairId === pairId);
}

function labelCounts(slices: Slice[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const slice of slices) for (const value of slice.labels) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function imageMean(slices: Slice[]): number {
  let sum = 0;
  let count = 0;
  for (const slice of slices) {
    for (const value of slice.image) sum += value;
    count += slice.image.length;
  }
  return sum / count;
}

/** Checks each pair's stored slices against the Python reference: labels exactly, images within tolerance. */
function expectPairsMatch(sink: MemorySink, pairs: Record<string, PairReference>): void {
  for (const [pairId, expected] of Object.entries(pairs)) {
    const slices = slicesOf(sink, pairId);
    expect(slices.map((slice) => slice.index)).toEqual(Array.from({ length: expected.depth }, (_, i) => i));
    expect(labelCounts(slices)).toEqual(expected.labelCounts);
    expect(imageMean(slices)).toBeCloseTo(expected.imageMean, 4);
    if (expected.slice) {
      const image = slices[expected.slice.index].image;
      let worst = 0;
      image.forEach((value, i) => (worst = Math.max(worst, Math.abs(value - (expected.slice?.image[i] ?? NaN)))));
      expect(worst).toBeLessThan(1e-4);
    }
  }
}

describe('ingest ACDC', () => {
  let files: InputFile[];
  let report: IngestReport;
  let sink: MemorySink;
  const progress: { done: number; total: number; bytesDone: number; bytesTotal: number }[] = [];

  beforeAll(async () => {
    files = await listFolderFiles(sharedPath(sharedDataDir, 'acdc', 'training'));
    sink = createMemorySink();
    report = await ingest(files, options32, sink, { onProgress: (p) => progress.push(p) });
  });

  it('loads every pair', () => {
    expect(report.failures).toEqual([]);
    expect(report.leftOut).toEqual([]);
    expect(report.pairs).toHaveLength(40);
    expect(report.subjects).toHaveLength(20);
    for (const pair of report.pairs) {
      expect(pair.modality).toBe('mri');
      expect(pair.maskEncoding).toBe('label-map');
      expect(pair.slices).toBe(acdcReference[pair.id].depth);
      expect(pair.dims).toEqual(acdcReference[pair.id].dims);
    }
  });

  it('matches the reference slices', () => {
    const total = Object.values(acdcReference).reduce((sum, pair) => sum + pair.depth, 0);
    expect(sink.slices).toHaveLength(total);
    expect(report.size).toBe(32);
    expect(report.channels).toBe(1);
    for (const slice of sink.slices) {
      expect(slice.image).toHaveLength(32 * 32);
      expect(slice.labels).toHaveLength(32 * 32);
    }
    expectPairsMatch(sink, acdcReference);
  });

  it('reports the classes', () => {
    const counts = [0, 0, 0, 0];
    for (const pair of Object.values(acdcReference)) {
      for (const [value, count] of Object.entries(pair.labelCounts)) counts[Number(value)] += count;
    }
    const total = counts.reduce((sum, count) => sum + count, 0);

    expect(report.classSource).toBe('found');
    expect(report.classes.map((item) => [item.id, item.rawValue])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(report.classes.map((item) => item.name)).toEqual(['background', 'right ventricle', 'myocardium', 'left ventricle']);
    report.classes.forEach((item, i) => expect(item.pixelFraction).toBeCloseTo(counts[i] / total, 12));
  });

  it('splits by patient', () => {
    const { split } = report;
    expect(split.unit).toBe('subject');
    expect(split.test).toHaveLength(4);
    expect(split.train.filter((subject) => split.test.includes(subject))).toEqual([]);
    expect([...split.train, ...split.test].sort()).toEqual(report.subjects);

    const testSlices = Object.entries(acdcReference)
      .filter(([pairId]) => split.test.includes(pairId.split('/')[0]))
      .reduce((sum, [, pair]) => sum + pair.depth, 0);
    expect(report.sliceCounts).toEqual({ train: sink.slices.length - testSlices, test: testSlices });
  });

  it('reports progress', () => {
    const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(progress.every((p) => p.total === 40 && p.bytesTotal === bytesTotal)).toBe(true);
    expect(progress[40].bytesDone).toBe(bytesTotal);
  });

  it('drops empty slices', async () => {
    const some = files.filter((file) => /^patient00[128]\//.test(file.path));
    const dropped = createMemorySink();
    const result = await ingest(some, { ...options32, dropEmptySlices: true }, dropped);

    const expected = Object.entries(acdcReference)
      .filter(([pairId]) => /^patient00[128]\//.test(pairId))
      .reduce((sum, [, pair]) => sum + pair.nonEmptySlices, 0);
    expect(dropped.slices).toHaveLength(expected);
    expect(result.sliceCounts.train + result.sliceCounts.test).toBe(expected);
    for (const slice of dropped.slices) expect(slice.labels.some((value) => value !== 0)).toBe(true);
  });

  it('rejects labels outside the scheme', async () => {
    const some = files.filter((file) => file.path.startsWith('patient001/'));
    const scheme = { values: [0, 1, 2], names: ['background', 'right ventricle', 'myocardium'] };
    const error = await labErrorOf(() => ingest(some, { ...options32, labels: scheme }, createMemorySink()));

    expect(error.code).toBe('empty-dataset');
    expect(error.message).toMatch(/patient001_frame01_gt\.nii\.gz failed: .*label values 3 that the label scheme does not declare/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const error = await labErrorOf(() =>
      ingest(files, options32, createMemorySink(), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.done === 2) controller.abort();
        },
      }),
    );
    expect(error.code).toBe('cancelled');
  });
});

describe('ingest liver MetaImage', () => {
  it('splits the slices of one subject', async () => {
    const all = await listFolderFiles(sharedPath(sharedDataDir, 'liver-ct'));
    const files = all.filter((file) => file.path.startsWith('liver-'));
    const sink = createMemorySink();
    const report = await ingest(files, options32, sink);

    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ layout: 'sliver07', modality: 'ct', maskEncoding: 'binary-0-1', subject: 'case001' });
    expect(report.pairs[0].intensityRanges).toEqual([[-160, 240]]);
    expectPairsMatch(sink, liverReference);

    const depth = liverReference['liver-orig001.mhd'].depth;
    expect(report.split.unit).toBe('slice');
    expect(report.split.testSlices).toHaveLength(Math.round(0.2 * depth));
    expect(report.sliceCounts).toEqual({ train: depth - Math.round(0.2 * depth), test: Math.round(0.2 * depth) });
    expect(report.classes.map((item) => [item.rawValue, item.name])).toEqual([
      [0, 'background'],
      [1, 'liver'],
    ]);
  });
});

describe('ingest broken folder', () => {
  let dir: string;

  beforeAll(() => {
    // patient002 frame01 has a truncated image; patient008 frame01 has
    // patient002's mask, 232 x 256 x 10 against the image's 200 x 256 x 10.
    dir = mkdtempSync(join(tmpdir(), 'ingest-broken-'));
    const source = sharedPath(sharedDataDir, 'acdc', 'training');
    for (const patient of ['patient001', 'patient002', 'patient008']) {
      mkdirSync(join(dir, patient));
      for (const frame of ['frame01', 'frame02']) {
        for (const suffix of ['', '_gt']) {
          const name = `${patient}_${frame}${suffix}.nii.gz`;
          copyFileSync(join(source, patient, name), join(dir, patient, name));
        }
      }
    }
    const image = join(dir, 'patient002', 'patient002_frame01.nii.gz');
    writeFileSync(image, readFileSync(image).subarray(0, 300));
    copyFileSync(
      join(source, 'patient002', 'patient002_frame01_gt.nii.gz'),
      join(dir, 'patient008', 'patient008_frame01_gt.nii.gz'),
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the other pairs', async () => {
    const sink = createMemorySink();
    const report = await ingest(await listFolderFiles(dir), options32, sink);

    expect(report.pairs.map((pair) => pair.id)).toEqual([
      'patient001/patient001_frame01.nii.gz',
      'patient001/patient001_frame02.nii.gz',
      'patient002/patient002_frame02.nii.gz',
      'patient008/patient008_frame02.nii.gz',
    ]);
    expect(report.failures).toHaveLength(2);
    const [truncated, mismatch] = report.failures;
    expect(truncated.file).toBe('patient002/patient002_frame01.nii.gz');
    expect(['corrupt-file', 'truncated-file']).toContain(truncated.code);
    expect(mismatch).toMatchObject({ file: 'patient008/patient008_frame01_gt.nii.gz', code: 'shape-mismatch' });
    expect(mismatch.message).toMatch(/232x256x10 \(1 frame\)/);
    expect(mismatch.message).toMatch(/200x256x10 \(1 frame\) of its image patient008\/patient008_frame01\.nii\.gz/);

    const loaded = ['patient001/patient001_frame01.nii.gz', 'patient008/patient008_frame02.nii.gz'];
    expectPairsMatch(sink, Object.fromEntries(loaded.map((id) => [id, acdcReference[id]])));
  });
});

describe('ingest empty', () => {
  it('lists why files were left out', async () => {
    const files = [
      inputFileFromBytes('patient001/Info.cfg', new TextEncoder().encode('ED: 1\n')),
      inputFileFromBytes('patient001/patient001_4d.nii.gz', new Uint8Array(10)),
      inputFileFromBytes('scan.png', new Uint8Array(10)),
    ];
    const error = await labErrorOf(() => ingest(files, options32, createMemorySink()));

    expect(error.code).toBe('empty-dataset');
    expect(error.message).toMatch(/4D cine series without a mask/);
    expect(error.message).toMatch(/not an image or mask \(\.cfg file\)/);
    expect(error.message).toMatch(/no mask found: expected scan_mask/);
  });

  it('rejects an invalid size', async () => {
    const error = await labErrorOf(() => ingest([], { ...options32, size: 48 as 32 }, createMemorySink()));
    expect(error.code).toBe('invalid-config');
    expect(error.field).toBe('size');
  });
});
