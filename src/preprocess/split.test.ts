import { describe, expect, it } from 'vitest';
import { splitBySlice, splitBySubject, testCount } from './split';

const subjects = Array.from({ length: 20 }, (_, i) => `patient${String(i + 1).padStart(3, '0')}`);

describe('splitBySubject', () => {
  it('is deterministic for a seed', () => {
    expect(splitBySubject(subjects, 0.2, 7)).toEqual(splitBySubject(subjects.slice().reverse(), 0.2, 7));
  });

  it('holds out disjoint subjects', () => {
    const split = splitBySubject(subjects, 0.2, 7);
    expect(split.test).toHaveLength(4);
    expect(split.train).toHaveLength(16);
    expect(split.train.filter((subject) => split.test.includes(subject))).toEqual([]);
    expect([...split.train, ...split.test].sort()).toEqual(subjects);
    expect(split.unit).toBe('subject');
  });

  it('varies with the seed', () => {
    const tests = new Set([1, 2, 3, 4, 5].map((seed) => splitBySubject(subjects, 0.2, seed).test.join()));
    expect(tests.size).toBeGreaterThan(1);
  });

  it('keeps one subject on each side', () => {
    expect(splitBySubject(['a', 'b'], 0.05, 1).test).toHaveLength(1);
    expect(splitBySubject(['a', 'b'], 0.9, 1).train).toHaveLength(1);
    expect(splitBySubject(['a', 'b', 'c'], 0, 1).test).toEqual([]);
  });

  it('rejects a fraction above 0.9', () => {
    expect(() => splitBySubject(subjects, 0.95, 1)).toThrow(/test fraction 0.95 is outside \[0, 0.9\]/);
  });
});

describe('splitBySlice', () => {
  const keys = Array.from({ length: 112 }, (_, i) => `liver-orig001.mhd#${i}`);

  it('holds out a contiguous run', () => {
    const split = splitBySlice('case001', keys, 0.2, 3);
    const indices = (split.testSlices ?? []).map((key) => Number(key.split('#')[1]));

    expect(split.unit).toBe('slice');
    expect(indices).toHaveLength(22);
    for (let i = 1; i < indices.length; i++) expect(indices[i]).toBe(indices[0] + i);
    expect(split.train).toEqual(['case001']);
    expect(split.test).toEqual(['case001']);
  });

  it('is deterministic for a seed', () => {
    expect(splitBySlice('s', keys, 0.2, 9)).toEqual(splitBySlice('s', keys, 0.2, 9));
  });
});

describe('testCount', () => {
  it('rounds and clamps', () => {
    expect(testCount(20, 0.2)).toBe(4);
    expect(testCount(1, 0.5)).toBe(0);
    expect(testCount(3, 0.01)).toBe(1);
    expect(testCount(3, 0.9)).toBe(2);
  });
});
