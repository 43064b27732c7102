import * as tf from '@tensorflow/tfjs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, test } from 'vitest';
import { tinyConfig, tinyTrainingSet } from '../testing/tiny';
import { restoreTrainer, writeCheckpoint } from './checkpoint';
import { checkpointFromZip, checkpointToZip } from './checkpoint-archive';
import { GanTrainer } from './trainer';
import { labErrorFrom } from '../../testing/lab-error';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function exportedRun() {
  const data = tinyTrainingSet(8);
  const trainer = new GanTrainer(tinyConfig({ seed: 4 }), data);
  await trainer.trainStep();
  const checkpoint = await writeCheckpoint(trainer, 'run-a', 'cpu');
  trainer.dispose();
  return { data, checkpoint, zip: checkpointToZip(checkpoint, { name: 'tiny', datasetName: 'squares' }) };
}

describe('checkpoint archive', () => {
  test('holds layers models the loader accepts', async () => {
    const { zip } = await exportedRun();
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      'discriminator/model.json',
      'discriminator/weights.bin',
      'generator/model.json',
      'generator/weights.bin',
      'optimizer/discriminator.bin',
      'optimizer/discriminator.json',
      'optimizer/generator.bin',
      'optimizer/generator.json',
      'run.json',
    ]);
    const modelJson = JSON.parse(new TextDecoder().decode(files['generator/model.json']));
    expect(modelJson.format).toBe('layers-model');
    const weightsFile = files['generator/weights.bin'];
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weightsFile.slice().buffer }),
    );
    expect(model.outputs[0].shape).toEqual([null, 16, 16, 3]);
    model.dispose();
  });

  test('round trip resumes the same run', async () => {
    const { data, checkpoint, zip } = await exportedRun();
    const { checkpoint: imported, run } = checkpointFromZip(zip, 'tiny.zip');
    expect(run).toEqual({ name: 'tiny', datasetName: 'squares' });
    expect(imported.step).toBe(checkpoint.step);
    expect(imported.config).toEqual(checkpoint.config);

    const fromOriginal = await restoreTrainer(checkpoint, data);
    const fromImport = await restoreTrainer(imported, data);
    const expected = (await fromOriginal.trainStep()).losses;
    const actual = (await fromImport.trainStep()).losses;
    for (const name of Object.keys(expected)) expect(actual[name], name).toBeCloseTo(expected[name], 6);
    fromOriginal.dispose();
    fromImport.dispose();
  });

  test('rejects a file that is not a zip', () => {
    const error = labErrorFrom(() => checkpointFromZip(strToU8('not a zip'), 'notes.txt'));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toContain('notes.txt');
    expect(error.hint).toContain('npm run cli -- train');
  });

  test('rejects an archive without run.json', () => {
    const error = labErrorFrom(() => checkpointFromZip(zipSync({ 'generator/model.json': strToU8('{}') }), 'partial.zip'));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toContain('run.json is missing');
  });

  test('rejects an invalid configuration by field', async () => {
    const { zip } = await exportedRun();
    const files = unzipSync(zip);
    const runJson = JSON.parse(new TextDecoder().decode(files['run.json']));
    runJson.config.batchSize = 0;
    files['run.json'] = strToU8(JSON.stringify(runJson));
    const error = labErrorFrom(() => checkpointFromZip(zipSync(files), 'edited.zip'));
    expect(error.code).toBe('invalid-config');
    expect(error.field).toBe('batchSize');
    expect(error.message).toContain('batchSize is 0');
  });
});

