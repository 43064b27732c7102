import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLookup } from '../io/input-file';
import { inputFileFromPath } from '../io/node-folder';
import { readVolume } from '../io/registry';
import type { Volume, VoxelArray, VoxelType } from '../io/volume';
import { sharedCasesDir, sharedPath } from '../testing/shared';
import { decodeMask } from './mask';
import { labErrorFrom } from '../testing/lab-error';

function maskVolume(data: VoxelArray, dtype: VoxelType, channels = 1, source = 'masks/m.png'): Volume {
  const voxels = data.length / channels;
  return {
    source,
    format: 'png',
    dims: [voxels, 1, 1],
    frames: 1,
    channels,
    spacing: [1, 1, 1],
    dtype,
    data,
  };
}

describe('decodeMask encodings', () => {
  it('reads 0/1 as binary-0-1', () => {
    const decoded = decodeMask(maskVolume(Uint8Array.from([0, 1, 1, 0]), 'uint8'), null);
    expect(decoded.encoding).toBe('binary-0-1');
    expect(Array.from(decoded.labels)).toEqual([0, 1, 1, 0]);
    expect(decoded.values).toEqual([0, 1]);
  });

  it('sets 0/255 to 0/1', () => {
    const decoded = decodeMask(maskVolume(Uint8Array.from([0, 255, 255, 0]), 'uint8'), null);
    expect(decoded.encoding).toBe('binary-0-255');
    expect(Array.from(decoded.labels)).toEqual([0, 1, 1, 0]);
    expect(decoded.values).toEqual([0, 1]);
  });

  it('sets 0/type max to 0/1', () => {
    const decoded = decodeMask(maskVolume(Uint16Array.from([65535, 0, 65535]), 'uint16'), null);
    expect(decoded.encoding).toBe('binary-0-max');
    expect(Array.from(decoded.labels)).toEqual([1, 0, 1]);
    const signed = decodeMask(maskVolume(Int16Array.from([0, 32767]), 'int16'), null);
    expect(signed.encoding).toBe('binary-0-max');
  });

  it('keeps label maps', () => {
    const decoded = decodeMask(maskVolume(Float32Array.from([0, 3, 1, 2, 3]), 'float32'), null);
    expect(decoded.encoding).toBe('label-map');
    expect(Array.from(decoded.labels)).toEqual([0, 3, 1, 2, 3]);
    expect(decoded.values).toEqual([0, 1, 2, 3]);
  });

  it('reads an all-background mask', () => {
    const decoded = decodeMask(maskVolume(new Uint8Array(5), 'uint8'), null);
    expect(decoded.encoding).toBe('binary-0-1');
    expect(decoded.values).toEqual([0]);
  });

  it('reads any colour channel as foreground', () => {
    // RGBA pixels: red, black, blue, green; alpha 255 everywhere is ignored.
    const rgba = Uint8Array.from([200, 0, 0, 255, 0, 0, 0, 255, 0, 0, 9, 255, 0, 1, 0, 255]);
    const decoded = decodeMask(maskVolume(rgba, 'uint8', 4), null);
    expect(decoded.encoding).toBe('binary-color');
    expect(Array.from(decoded.labels)).toEqual([1, 0, 1, 1]);
  });

  it('reads gray saved as RGB as gray', () => {
    const rgb = Uint8Array.from([0, 0, 0, 2, 2, 2, 3, 3, 3]);
    const decoded = decodeMask(maskVolume(rgb, 'uint8', 3), null);
    expect(decoded.encoding).toBe('label-map');
    expect(Array.from(decoded.labels)).toEqual([0, 2, 3]);
  });
});

describe('decodeMask invalid masks', () => {
  it('rejects fractional values', () => {
    const error = labErrorFrom(() => decodeMask(maskVolume(Float32Array.from([0, 0.5, 1]), 'float32'), null));
    expect(error.code).toBe('invalid-mask');
    expect(error.file).toBe('masks/m.png');
    expect(error.message).toMatch(/masks\/m\.png: mask value 0\.5 is not an integer label in 0\.\.255/);
  });

  it('rejects values above 255', () => {
    const error = labErrorFrom(() => decodeMask(maskVolume(Uint16Array.from([0, 1, 300]), 'uint16'), null));
    expect(error.code).toBe('invalid-mask');
    expect(error.message).toMatch(/value 300/);
  });

  it('rejects negative values', () => {
    const error = labErrorFrom(() => decodeMask(maskVolume(Int16Array.from([0, -1, 2]), 'int16'), null));
    expect(error.message).toMatch(/value -1 /);
  });

  it('rejects an image taken for a mask', () => {
    const ramp = Float32Array.from({ length: 1000 }, (_, i) => i * 0.37);
    expect(() => decodeMask(maskVolume(ramp, 'float32'), null)).toThrow(/not an integer label/);
  });
});

describe('decodeMask label scheme', () => {
  const acdc = { values: [0, 1, 2, 3], names: ['background', 'right ventricle', 'myocardium', 'left ventricle'] };

  it('accepts declared values', () => {
    const decoded = decodeMask(maskVolume(Uint8Array.from([0, 3, 2]), 'uint8'), acdc);
    expect(decoded.values).toEqual([0, 2, 3]);
  });

  it('rejects undeclared values', () => {
    const error = labErrorFrom(() => decodeMask(maskVolume(Uint8Array.from([0, 3, 4, 5, 1]), 'uint8'), acdc));
    expect(error.code).toBe('too-many-labels');
    expect(error.file).toBe('masks/m.png');
    expect(error.problem).toMatch(/values 4, 5 that the label scheme does not declare/);
    expect(error.problem).toMatch(/0 background, 1 right ventricle, 2 myocardium, 3 left ventricle/);
    expect(error.hint).toMatch(/Add these values to the label scheme/);
  });

  it('keeps 255 that the scheme declares', () => {
    const scheme = { values: [0, 255], names: ['background', 'lesion'] };
    const decoded = decodeMask(maskVolume(Uint8Array.from([0, 255]), 'uint8'), scheme);
    expect(decoded.encoding).toBe('label-map');
    expect(Array.from(decoded.labels)).toEqual([0, 255]);
  });

  it('turns 0/255 into a declared 0/1', () => {
    const scheme = { values: [0, 1], names: ['background', 'vessel'] };
    const decoded = decodeMask(maskVolume(Uint8Array.from([0, 255]), 'uint8'), scheme);
    expect(decoded.encoding).toBe('binary-0-255');
    expect(Array.from(decoded.labels)).toEqual([0, 1]);
  });
});

describe('decodeMask 0/255 and 0/1 files', () => {
  async function readMask(name: string): Promise<Volume> {
    const dir = sharedPath(sharedCasesDir, '10-mask-0-255-vs-0-1');
    const file = await inputFileFromPath(join(dir, name), name);
    return readVolume(file, createFileLookup([file]));
  }

  it('reads both as the same binary mask', async () => {
    const truth = decodeMask(await readMask('mask_gt_0_255.png'), null);
    const prediction = decodeMask(await readMask('mask_pred_0_1.png'), null);

    expect(truth.encoding).toBe('binary-0-255');
    expect(prediction.encoding).toBe('binary-0-1');
    expect(truth.values).toEqual([0, 1]);
    expect(prediction.values).toEqual([0, 1]);

    const count = (labels: Uint8Array) => labels.reduce((sum, value) => sum + value, 0);
    const intersection = truth.labels.reduce((sum, value, i) => sum + (value & prediction.labels[i]), 0);
    expect(count(truth.labels)).toBe(64);
    expect(count(prediction.labels)).toBe(64);
    expect(intersection).toBe(36);
    // Dice = 2 |A n B| / (|A| + |B|) = 72 / 128.
    expect((2 * intersection) / (count(truth.labels) + count(prediction.labels))).toBe(0.5625);
  });

  it('places the foreground boxes', async () => {
    // Rows and columns 4..11 in the 0/255 mask and 6..13 in the 0/1 mask (16 x 16).
    const truth = decodeMask(await readMask('mask_gt_0_255.png'), null).labels;
    const prediction = decodeMask(await readMask('mask_pred_0_1.png'), null).labels;
    for (let row = 0; row < 16; row++) {
      for (let column = 0; column < 16; column++) {
        const inTruth = row >= 4 && row <= 11 && column >= 4 && column <= 11;
        const inPrediction = row >= 6 && row <= 13 && column >= 6 && column <= 13;
        expect(truth[row * 16 + column]).toBe(inTruth ? 1 : 0);
        expect(prediction[row * 16 + column]).toBe(inPrediction ? 1 : 0);
      }
    }
  });
});
