import { describe, expect, it } from 'vitest';
import { schemeOfLayouts } from './label-presets';
import { addFoundValues, buildClasses, checkLabelScheme, MAX_CLASSES_WITHOUT_SCHEME } from './labels';

describe('buildClasses', () => {
  it('numbers found values contiguously', () => {
    const counts = new Float64Array(256);
    counts[0] = 6;
    counts[4] = 1;
    counts[9] = 3;
    const classes = buildClasses(null, new Set([9, 0, 4]), counts);
    expect(classes).toEqual([
      { id: 0, rawValue: 0, name: 'background', pixelFraction: 0.6 },
      { id: 1, rawValue: 4, name: 'label 4', pixelFraction: 0.1 },
      { id: 2, rawValue: 9, name: 'label 9', pixelFraction: 0.3 },
    ]);
  });

  it('names binary classes', () => {
    const classes = buildClasses(null, new Set([0, 1]), new Float64Array(256));
    expect(classes.map((item) => item.name)).toEqual(['background', 'foreground']);
  });

  it('follows a declared scheme', () => {
    const counts = new Float64Array(256);
    counts[0] = 3;
    counts[255] = 1;
    const classes = buildClasses({ values: [255, 0, 7], names: ['lesion', 'background', 'unused'] }, new Set(), counts);
    expect(classes).toEqual([
      { id: 0, rawValue: 255, name: 'lesion', pixelFraction: 0.25 },
      { id: 1, rawValue: 0, name: 'background', pixelFraction: 0.75 },
      { id: 2, rawValue: 7, name: 'unused', pixelFraction: 0 },
    ]);
  });
});

describe('buildClasses with a layout scheme', () => {
  const acdc = { values: [0, 1, 2, 3], names: ['background', 'right ventricle', 'myocardium', 'left ventricle'] };

  it('names found values as the layout does', () => {
    const classes = buildClasses(null, new Set([0, 3, 2]), new Float64Array(256), acdc);
    expect(classes.map((item) => item.name)).toEqual(['background', 'myocardium', 'left ventricle']);
    expect(classes.map((item) => item.rawValue)).toEqual([0, 2, 3]);
  });

  it('ignores the layout when a value is foreign to it', () => {
    const classes = buildClasses(null, new Set([0, 1, 5]), new Float64Array(256), acdc);
    expect(classes.map((item) => item.name)).toEqual(['background', 'label 1', 'label 5']);
  });
});

describe('schemeOfLayouts', () => {
  it('maps one known layout to its preset', () => {
    expect(schemeOfLayouts(['acdc', 'acdc'])?.names[3]).toBe('left ventricle');
    expect(schemeOfLayouts(['sliver07'])?.names).toEqual(['background', 'liver']);
  });

  it('gives nothing for mixed or generic layouts', () => {
    expect(schemeOfLayouts(['acdc', 'sliver07'])).toBeNull();
    expect(schemeOfLayouts(['sibling-folders'])).toBeNull();
    expect(schemeOfLayouts([])).toBeNull();
  });
});

describe('addFoundValues', () => {
  it('rejects too many classes', () => {
    const found = new Set<number>();
    const values = Array.from({ length: MAX_CLASSES_WITHOUT_SCHEME + 1 }, (_, i) => i);
    expect(() => addFoundValues(found, values, 'm.jpg')).toThrow(/m\.jpg: the masks hold 33 distinct label values/);
    expect(found.size).toBe(0);
  });
});

describe('checkLabelScheme', () => {
  it('rejects mismatched names', () => {
    expect(() => checkLabelScheme({ values: [0, 1], names: ['background'] })).toThrow(/2 values but 1 names/);
  });

  it('rejects repeated values', () => {
    expect(() => checkLabelScheme({ values: [0, 0], names: ['a', 'b'] })).toThrow(/declares a value twice/);
  });

  it('rejects values above 255', () => {
    expect(() => checkLabelScheme({ values: [0, 256], names: ['a', 'b'] })).toThrow(/label value 256/);
  });
});
