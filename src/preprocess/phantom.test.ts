import { describe, expect, it } from 'vitest';
import { Random } from '../core/random';
import { generatePhantom, type Phantom } from './phantom';
import { drawAnatomy, sliceGeometry, TISSUE_COUNT } from './phantom/anatomy';
import { renderSlice } from './phantom/render';
import type { Slice } from './slice-dataset';

const RV = 1;
const MYO = 2;
const LV = 3;
const SIZE = 64;

const phantom: Phantom = generatePhantom({ subjects: 4, slicesPerSubject: 8, size: SIZE, seed: 11 });

function neighbours(labels: Uint8Array, i: number): number[] {
  const row = Math.floor(i / SIZE);
  const column = i % SIZE;
  const out: number[] = [];
  if (row > 0) out.push(labels[i - SIZE]);
  if (row < SIZE - 1) out.push(labels[i + SIZE]);
  if (column > 0) out.push(labels[i - 1]);
  if (column < SIZE - 1) out.push(labels[i + 1]);
  return out;
}

function meanWhere(slice: Slice, label: number): number {
  let sum = 0;
  let count = 0;
  slice.labels.forEach((value, i) => {
    if (value === label) {
      sum += slice.image[i];
      count++;
    }
  });
  return sum / count;
}

function area(slice: Slice, ...labels: number[]): number {
  return slice.labels.reduce((sum, value) => sum + (labels.includes(value) ? 1 : 0), 0);
}

describe('generatePhantom', () => {
  it('repeats bytes for a seed', () => {
    const again = generatePhantom({ subjects: 4, slicesPerSubject: 8, size: SIZE, seed: 11 });
    expect(again.slices).toHaveLength(32);
    again.slices.forEach((slice, i) => {
      expect(slice.image).toEqual(phantom.slices[i].image);
      expect(slice.labels).toEqual(phantom.slices[i].labels);
    });
    expect(again.report).toEqual(phantom.report);
  });

  it('changes with the seed', () => {
    const other = generatePhantom({ subjects: 4, slicesPerSubject: 8, size: SIZE, seed: 12 });
    expect(other.slices[0].image).not.toEqual(phantom.slices[0].image);
    expect(other.slices[0].labels).not.toEqual(phantom.slices[0].labels);
  });

  it('produces dataset slices', () => {
    for (const slice of phantom.slices) {
      expect(slice.image).toHaveLength(SIZE * SIZE);
      expect(slice.labels).toHaveLength(SIZE * SIZE);
      expect(Math.min(...slice.image)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...slice.image)).toBeLessThanOrEqual(1);
      for (const value of new Set(slice.labels)) expect([0, RV, MYO, LV]).toContain(value);
    }
  });

  it('keeps the LV inside the myocardium', () => {
    for (const slice of phantom.slices) {
      expect(area(slice, LV)).toBeGreaterThan(0);
      slice.labels.forEach((value, i) => {
        if (value === LV) for (const next of neighbours(slice.labels, i)) expect([LV, MYO]).toContain(next);
      });
    }
  });

  it('puts the RV against the myocardium', () => {
    const base = phantom.slices.filter((slice) => slice.index === 0);
    for (const slice of base) {
      let touches = 0;
      slice.labels.forEach((value, i) => {
        if (value === RV && neighbours(slice.labels, i).includes(MYO)) touches++;
      });
      expect(touches).toBeGreaterThan(3);
    }
  });

  it('shrinks the heart towards the apex', () => {
    for (const subject of phantom.report.subjects) {
      const slices = phantom.slices.filter((slice) => slice.subject === subject);
      const heart = slices.map((slice) => area(slice, LV, MYO));
      for (let k = 1; k < heart.length; k++) expect(heart[k]).toBeLessThan(heart[k - 1]);
      expect(area(slices[0], RV)).toBeGreaterThan(0);
      expect(area(slices[slices.length - 1], RV)).toBe(0);
    }
  });

  it('orders the intensities', () => {
    for (const slice of phantom.slices.filter((item) => item.index <= 2)) {
      const myocardium = meanWhere(slice, MYO);
      expect(meanWhere(slice, LV)).toBeGreaterThan(myocardium + 0.3);
      expect(meanWhere(slice, RV)).toBeGreaterThan(myocardium + 0.3);
      // The corner is air outside the body.
      expect(slice.image[0]).toBeLessThan(myocardium);
    }
  });

  it('varies between subjects', () => {
    const baseAreas = phantom.slices.filter((slice) => slice.index === 0).map((slice) => area(slice, LV));
    expect(new Set(baseAreas).size).toBe(4);
  });

  it('summarises like an ingest', () => {
    const { report } = phantom;
    expect(report.classes.map((item) => item.name)).toEqual(['background', 'right ventricle', 'myocardium', 'left ventricle']);
    const fractions = report.classes.reduce((sum, item) => sum + item.pixelFraction, 0);
    expect(fractions).toBeCloseTo(1, 12);
    const lvPixels = phantom.slices.reduce((sum, slice) => sum + area(slice, LV), 0);
    expect(report.classes[3].pixelFraction).toBeCloseTo(lvPixels / (32 * SIZE * SIZE), 12);
    expect(report.pairs).toHaveLength(4);
    expect(report.split.unit).toBe('subject');
    expect(report.split.test).toHaveLength(1);
    expect(report.sliceCounts).toEqual({ train: 24, test: 8 });
  });

  it('rejects a bad size', () => {
    expect(() => generatePhantom({ subjects: 1, slicesPerSubject: 1, size: 50 as 32, seed: 1 })).toThrow(
      /phantom slice size 50 is not one of 32, 64, 128, 256/,
    );
  });
});

describe('renderSlice', () => {
  it('anti-aliases edges', () => {
    const geometry = sliceGeometry(drawAnatomy(new Random(3)), 0);
    const contrast = new Float32Array(TISSUE_COUNT).fill(1);
    const { signal, labels } = renderSlice(geometry, SIZE, contrast, { a: [0, 0, 0, 0] }, 0, new Random(1));

    // Without noise or bias, LV pixels away from the edge hold the blood
    // signal 0.95; pixels on the LV edge mix blood and myocardium (0.3).
    let mixed = 0;
    labels.forEach((value, i) => {
      const edge = neighbours(labels, i).some((next) => next !== value);
      if (value === LV && !edge) expect(signal[i]).toBeCloseTo(0.95, 5);
      if (value === LV && edge && signal[i] > 0.31 && signal[i] < 0.94) mixed++;
    });
    expect(mixed).toBeGreaterThan(4);
  });
});
