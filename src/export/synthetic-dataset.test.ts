import { decode } from 'fast-png';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { readBytes } from '../testing/volumes';
import { labErrorOf } from '../testing/lab-error';
import { writeSyntheticDataset, type SyntheticBatch, type SyntheticDatasetOptions } from './synthetic-dataset';

const side = 6;
const classNames = ['RV', 'myocardium', 'LV'];

/** Makes a batch whose values cover [-1, 1] (both ends included) and every class id, different per `first`. */
function batch(first: number, count: number, channels: number): SyntheticBatch {
  const images = new Float32Array(count * side * side * channels);
  for (let i = 0; i < images.length; i++) {
    images[i] = Math.sin(i * 0.37 + first);
    if (i % 19 === 0) images[i] = -1;
    if (i % 17 === 0) images[i] = 1;
  }
  const classIds = new Uint8Array(count * side * side);
  for (let i = 0; i < classIds.length; i++) classIds[i] = (i * 7 + first) % (classNames.length + 1);
  return { images, classIds, count };
}

function batches(counts: number[], channels: number): SyntheticBatch[] {
  let first = 0;
  return counts.map((count) => {
    const made = batch(first, count, channels);
    first += count;
    return made;
  });
}

/** Sample `n` (from 0) of the batches as `[side, side, channels]` and `[side, side]`. */
function sampleOf(source: SyntheticBatch[], n: number, channels: number) {
  const pixels = side * side;
  for (const { images, classIds, count } of source) {
    if (n < count) {
      return { image: images.subarray(n * pixels * channels, (n + 1) * pixels * channels), classIds: classIds.subarray(n * pixels, (n + 1) * pixels) };
    }
    n -= count;
  }
  throw new Error(`no sample ${n}`);
}

function options(extra: Partial<SyntheticDatasetOptions>): SyntheticDatasetOptions {
  return { layout: 'nnunet', side, imageChannels: 1, classNames, total: 5, datasetId: 42, datasetName: 'Synth_ACDC', ...extra };
}

async function exportZip(source: SyntheticBatch[], extra: Partial<SyntheticDatasetOptions>) {
  const archive = await writeSyntheticDataset(source, options(extra));
  const bytes = new Uint8Array(archive.byteLength);
  let offset = 0;
  for (const chunk of archive.chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { archive, files: unzipSync(bytes) };
}

function channelOf(image: Float32Array, c: number, channels: number): number[] {
  return Array.from({ length: image.length / channels }, (_, p) => image[p * channels + c]);
}

describe('nnU-Net export', () => {
  it('grayscale files and dataset.json', async () => {
    const source = batches([2, 3], 1);
    const { archive, files } = await exportZip(source, { spacing: [1.5, 1.5, 10], modality: 'CT', description: 'WGAN-GP step 2000' });

    const root = 'Dataset042_Synth_ACDC';
    const cases = [1, 2, 3, 4, 5].map((n) => `Synth_ACDC_0000${n}`);
    const expectedNames = [
      `${root}/dataset.json`,
      ...cases.map((name) => `${root}/imagesTr/${name}_0000.nii.gz`),
      ...cases.map((name) => `${root}/labelsTr/${name}.nii.gz`),
    ];
    expect(Object.keys(files).sort()).toEqual(expectedNames.sort());
    expect(archive.fileCount).toBe(11);

    const json = JSON.parse(strFromU8(files[`${root}/dataset.json`]));
    expect(json).toEqual({
      channel_names: { '0': 'CT' },
      labels: { background: 0, RV: 1, myocardium: 2, LV: 3 },
      numTraining: 5,
      file_ending: '.nii.gz',
      name: 'Synth_ACDC',
      description: 'WGAN-GP step 2000',
    });
    expect(Object.keys(json.labels)).toEqual(['background', 'RV', 'myocardium', 'LV']);

    for (const [n, name] of cases.entries()) {
      const expected = sampleOf(source, n, 1);
      const image = await readBytes(`${name}_0000.nii.gz`, files[`${root}/imagesTr/${name}_0000.nii.gz`]);
      expect(image.dims).toEqual([side, side, 1]);
      expect(image.dtype).toBe('float32');
      expect(image.spacing).toEqual([1.5, 1.5, 10]);
      expect(Array.from(image.data)).toEqual(Array.from(expected.image));

      const labels = await readBytes(`${name}.nii.gz`, files[`${root}/labelsTr/${name}.nii.gz`]);
      expect(labels.dims).toEqual([side, side, 1]);
      expect(labels.dtype).toBe('uint8');
      expect(Math.max(...labels.data)).toBeLessThanOrEqual(classNames.length);
      expect(Array.from(labels.data)).toEqual(Array.from(expected.classIds));
    }
  });

  it('RGB writes three channel files', async () => {
    const source = batches([2], 3);
    const { files } = await exportZip(source, { imageChannels: 3, total: 2 });

    const root = 'Dataset042_Synth_ACDC';
    const json = JSON.parse(strFromU8(files[`${root}/dataset.json`]));
    expect(json.channel_names).toEqual({ '0': 'red', '1': 'green', '2': 'blue' });
    expect(json.numTraining).toBe(2);
    expect(json.description).toBeUndefined();
    expect(Object.keys(files).filter((name) => name.includes('/imagesTr/')).length).toBe(6);

    for (const n of [0, 1]) {
      const expected = sampleOf(source, n, 3);
      for (const c of [0, 1, 2]) {
        const path = `${root}/imagesTr/Synth_ACDC_0000${n + 1}_000${c}.nii.gz`;
        const image = await readBytes(path, files[path]);
        expect(image.dims).toEqual([side, side, 1]);
        expect(Array.from(image.data)).toEqual(channelOf(expected.image, c, 3));
      }
    }
  });

  it('modality defaults to MRI', async () => {
    const { files } = await exportZip(batches([1], 1), { total: 1 });
    expect(JSON.parse(strFromU8(files['Dataset042_Synth_ACDC/dataset.json'])).channel_names).toEqual({ '0': 'MRI' });
  });
});

describe('PNG pairs export', () => {
  for (const channels of [1, 3]) {
    it(`${channels === 1 ? 'grayscale' : 'RGB'} pixels and masks`, async () => {
      const source = batches([3, 1], channels);
      const { archive, files } = await exportZip(source, { layout: 'png-pairs', imageChannels: channels, total: 4 });

      const names = [1, 2, 3, 4].map((n) => `synthetic_0000${n}.png`);
      const expectedNames = ['README.txt', 'labels.json', ...names.map((n) => `images/${n}`), ...names.map((n) => `masks/${n}`)];
      expect(Object.keys(files).sort()).toEqual(expectedNames.sort());
      expect(archive.fileCount).toBe(10);
      expect(JSON.parse(strFromU8(files['labels.json']))).toEqual({ background: 0, RV: 1, myocardium: 2, LV: 3 });
      expect(strFromU8(files['README.txt'])).toContain('4 samples of 6 x 6 pixels');

      for (const [n, name] of names.entries()) {
        const expected = sampleOf(source, n, channels);
        const image = decode(files[`images/${name}`]);
        expect([image.width, image.height, image.channels, image.depth]).toEqual([side, side, channels, 8]);
        // One 8-bit step is 2 / 255 in [-1, 1], so rounding is off by at most half of it.
        const worst = Math.max(...Array.from(image.data, (byte, i) => Math.abs(byte / 127.5 - 1 - expected.image[i])));
        expect(worst).toBeLessThanOrEqual(1 / 255 + 1e-6);

        const mask = decode(files[`masks/${name}`]);
        expect([mask.width, mask.height, mask.channels, mask.depth]).toEqual([side, side, 1, 8]);
        expect(Array.from(mask.data)).toEqual(Array.from(expected.classIds));
      }
    });
  }

  it('ends of the range map to 0 and 255', async () => {
    const images = new Float32Array(side * side).fill(-1);
    images.fill(1, 0, side);
    const { files } = await exportZip([{ images, classIds: new Uint8Array(side * side), count: 1 }], { layout: 'png-pairs', total: 1 });
    const image = decode(files['images/synthetic_00001.png']);
    expect(Array.from(image.data.subarray(0, side + 1))).toEqual([...Array(side).fill(255), 0]);
  });
});

describe('export streaming', () => {
  it('pulls each batch after writing the previous', async () => {
    const events: string[] = [];
    async function* generate() {
      for (const [index, made] of batches([2, 2, 2], 1).entries()) {
        events.push(`pull ${index}`);
        yield made;
      }
    }
    await writeSyntheticDataset(generate(), options({ total: 6, onProgress: (written, total) => events.push(`wrote ${written}/${total}`) }));
    expect(events).toEqual(['pull 0', 'wrote 1/6', 'wrote 2/6', 'pull 1', 'wrote 3/6', 'wrote 4/6', 'pull 2', 'wrote 5/6', 'wrote 6/6']);
  });

  it('abort stops and closes the source', async () => {
    const controller = new AbortController();
    let pulled = 0;
    let closed = false;
    async function* generate() {
      try {
        for (const made of batches([2, 2, 2], 1)) {
          pulled++;
          yield made;
        }
      } finally {
        closed = true;
      }
    }
    const progress = (written: number) => {
      if (written === 3) controller.abort();
    };
    const error = await labErrorOf(() => writeSyntheticDataset(generate(), options({ total: 6, signal: controller.signal, onProgress: progress })));
    expect(error.code).toBe('cancelled');
    expect(error.message).toContain('after 3 of 6 samples');
    expect(pulled).toBe(2);
    expect(closed).toBe(true);
  });
});

describe('export checks', () => {
  it('rejects fewer samples than total', async () => {
    const error = await labErrorOf(() => writeSyntheticDataset(batches([2], 1), options({ total: 3 })));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('yielded 2 samples, not the 3 announced');
  });

  it('rejects more samples than total', async () => {
    const error = await labErrorOf(() => writeSyntheticDataset(batches([2, 2], 1), options({ total: 3 })));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('more than the 3 samples announced');
  });

  it('rejects unnamed class ids', async () => {
    const error = await labErrorOf(() => writeSyntheticDataset(batches([2], 1), options({ total: 2, classNames: ['RV', 'LV'] })));
    expect(error.code).toBe('invalid-mask');
    expect(error.message).toContain('sample 1 has class id 3, but only ids 0 to 2 have names');
  });

  it('rejects a batch of the wrong size', async () => {
    const bad = { ...batch(0, 2, 1), count: 3 };
    const error = await labErrorOf(() => writeSyntheticDataset([bad], options({ total: 3 })));
    expect(error.code).toBe('shape-mismatch');
    expect(error.message).toContain('batch 1: 72 image values do not make 3 samples of 6 x 6 x 1');
  });

  const invalidOptions: Array<[string, Partial<SyntheticDatasetOptions>, string]> = [
    ['dataset id 0', { datasetId: 0 }, 'datasetId'],
    ['dataset id 1000', { datasetId: 1000 }, 'datasetId'],
    ['dataset name with a dash', { datasetName: 'Synth-ACDC' }, 'datasetName'],
    ['missing dataset name', { datasetName: undefined }, 'datasetName'],
    ['two image channels', { imageChannels: 2 }, 'imageChannels'],
    ['a class named background', { classNames: ['Background'] }, 'classNames'],
    ['a repeated class', { classNames: ['LV', 'LV'] }, 'classNames'],
    ['zero spacing', { spacing: [1, 0, 1] }, 'spacing'],
    ['unknown layout', { layout: 'tiff' as never }, 'layout'],
  ];
  for (const [name, change, field] of invalidOptions) {
    it(`rejects ${name}`, async () => {
      let pulled = false;
      const source = (function* () {
        pulled = true;
        yield batch(0, 5, 1);
      })();
      const error = await labErrorOf(() => writeSyntheticDataset(source, options(change)));
      expect(error.code).toBe('invalid-config');
      expect(error.field).toBe(field);
      expect(pulled).toBe(false);
    });
  }

  it('PNG pairs need no dataset id', async () => {
    const { archive } = await exportZip(batches([1], 1), { layout: 'png-pairs', total: 1, datasetId: undefined, datasetName: undefined });
    expect(archive.fileCount).toBe(4);
  });
});
