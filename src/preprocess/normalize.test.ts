import { describe, expect, it } from 'vitest';
import type { Volume, VoxelArray, VoxelType } from '../io/volume';
import { chooseModality, normalizeVolume } from './normalize';
import { DEFAULT_INGEST_OPTIONS } from './slice-dataset';

function imageVolume(data: VoxelArray, dtype: VoxelType, channels = 1): Volume {
  return {
    source: 'scan.nii.gz',
    format: 'nifti-1',
    dims: [data.length / channels, 1, 1],
    frames: 1,
    channels,
    spacing: [1, 1, 1],
    dtype,
    data,
  };
}

const options = { ctWindow: DEFAULT_INGEST_OPTIONS.ctWindow, mriPercentiles: [0.5, 99.5] as [number, number] };

describe('chooseModality', () => {
  it('picks rgb for colour images', () => {
    expect(chooseModality(imageVolume(new Uint8Array(6), 'uint8', 3), 'drive', 'auto')).toBe('rgb');
  });

  it('picks ct for SLiver07', () => {
    expect(chooseModality(imageVolume(Int16Array.from([0, 100]), 'int16'), 'sliver07', 'auto')).toBe('ct');
  });

  it('picks ct below -500', () => {
    expect(chooseModality(imageVolume(Int16Array.from([-1000, 40]), 'int16'), 'suffix', 'auto')).toBe('ct');
    expect(chooseModality(imageVolume(Int16Array.from([-400, 40]), 'int16'), 'suffix', 'auto')).toBe('mri');
  });

  it('keeps a forced modality', () => {
    expect(chooseModality(imageVolume(Int16Array.from([-1000]), 'int16'), 'acdc', 'mri')).toBe('mri');
  });
});

describe('normalizeVolume', () => {
  it('clips MRI to its percentiles', () => {
    // 0..200: numpy percentile 0.5 -> 1.0, 99.5 -> 199.0.
    const ramp = Float32Array.from({ length: 201 }, (_, i) => i);
    const result = normalizeVolume(imageVolume(ramp, 'float32'), 'mri', options);

    expect(result.ranges[0][0]).toBeCloseTo(1, 6);
    expect(result.ranges[0][1]).toBeCloseTo(199, 6);
    expect(result.data[0]).toBe(-1);
    expect(result.data[200]).toBe(1);
    expect(result.data[100]).toBeCloseTo(0, 6);
    expect(result.data[50]).toBeCloseTo((2 * (50 - 1)) / 198 - 1, 6);
  });

  it('applies the CT window', () => {
    // Liver window W 400 / L 40: [-160, 240] HU.
    const hu = Int16Array.from([-1000, -160, 40, 140, 240, 3000]);
    const result = normalizeVolume(imageVolume(hu, 'int16'), 'ct', options);
    expect(Array.from(result.data)).toEqual([-1, -1, 0, 0.5, 1, 1]);
  });

  it('applies a custom CT window', () => {
    const lung = { ...options, ctWindow: { width: 1500, level: -600 } };
    const result = normalizeVolume(imageVolume(Int16Array.from([-1350, -600, 150]), 'int16'), 'ct', lung);
    expect(Array.from(result.data)).toEqual([-1, 0, 1]);
  });

  it('scales 8-bit RGB by 255', () => {
    const rgb = Uint8Array.from([0, 255, 51, 102, 204, 255]);
    const result = normalizeVolume(imageVolume(rgb, 'uint8', 3), 'rgb', options);
    const expected = [-1, 1, 51 / 127.5 - 1, 102 / 127.5 - 1, 204 / 127.5 - 1, 1];
    expect(result.channels).toBe(3);
    result.data.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
  });

  it('drops the alpha of RGBA', () => {
    const rgba = Uint8Array.from([255, 0, 255, 7]);
    const result = normalizeVolume(imageVolume(rgba, 'uint8', 4), 'rgb', options);
    expect(Array.from(result.data)).toEqual([1, -1, 1]);
  });

  it('separates equal percentiles', () => {
    // 999 zeros and one 5: the 0.5 and 99.5 percentiles are both 0.
    const sparse = new Float32Array(1000);
    sparse[7] = 5;
    const result = normalizeVolume(imageVolume(sparse, 'float32'), 'mri', options);
    expect(result.ranges).toEqual([[0, 0]]);
    expect(result.data[0]).toBe(-1);
    expect(result.data[7]).toBe(1);
  });

  it('maps NaN to -1', () => {
    const result = normalizeVolume(imageVolume(Float32Array.from([NaN, 0, 10]), 'float32'), 'mri', options);
    expect(result.data[0]).toBe(-1);
  });

  it('rejects rgb for one channel', () => {
    expect(() => normalizeVolume(imageVolume(new Uint8Array(4), 'uint8'), 'rgb', options)).toThrow(
      /modality rgb needs 3 colour channels, but the image has 1/,
    );
  });
});
