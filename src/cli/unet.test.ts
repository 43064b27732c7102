import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeCheckpoint } from '../ml/training/checkpoint';
import { checkpointToZip } from '../ml/training/checkpoint-archive';
import { GanTrainer } from '../ml/training/trainer';
import { tinyConfig, tinyTrainingSet } from '../ml/testing/tiny';
import { repositoryRoot, sharedDataDir, sharedPath } from '../testing/shared';

const folder = mkdtempSync(join(tmpdir(), 'ganlab-unet-'));

/** Writes an untrained GAN checkpoint of `side` x `side` samples with `numClasses` classes. */
async function writeGanCheckpoint(file: string, side: number, numClasses: number): Promise<void> {
  const trainer = new GanTrainer(tinyConfig({ resolution: side, numClasses }), { ...tinyTrainingSet(4, side), numClasses });
  writeFileSync(file, checkpointToZip(await writeCheckpoint(trainer, 'run', 'cpu'), { name: 'untrained', datasetName: 'training' }));
  trainer.dispose();
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await writeGanCheckpoint(join(folder, 'acdc-32.zip'), 32, 4);
  await writeGanCheckpoint(join(folder, 'tiny-16.zip'), 16, 2);
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(repositoryRoot, 'scripts/run-node.mjs'), 'src/cli/main.ts', 'unet', ...args], { cwd: repositoryRoot, encoding: 'utf8' });
}

describe('cli unet', () => {
  const acdc = sharedPath(sharedDataDir, 'acdc', 'training');
  const small = ['--size', '32', '--epochs', '1', '--filters', '2', '--levels', '2', '--batch', '8'];

  test('real+synthetic run writes Dice and the model', () => {
    const out = join(folder, 'run');
    const run = cli('--data', acdc, ...small, '--synthetic', join(folder, 'acdc-32.zip'), '--n', '12', '--out', out);
    expect(run.status, run.stderr).toBe(0);

    const summary = JSON.parse(readFileSync(join(out, 'dice.json'), 'utf8'));
    expect(summary.mode).toBe('real+synthetic');
    expect(summary.synthetic.pairs).toBe(12);
    expect(summary.dataset.trainSlices).toBe(306);
    expect(summary.training).toHaveLength(1);
    expect(summary.config).toMatchObject({ side: 32, inChannels: 1, numClasses: 4, filters: 2, levels: 2 });
    expect(summary.dice.perClass).toHaveLength(4);
    expect(summary.dice.slices).toBe(70);

    const rows = readFileSync(join(out, 'dice.csv'), 'utf8').trim().split('\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(['scope', 'subject', 'slices', 'class_id', 'class', 'dice']);
    const overall = rows.filter((row) => row[0] === 'patients-mean');
    expect(overall.map((row) => row[3])).toEqual(['0', '1', '2', '3', '']);
    const patients = new Set(rows.filter((row) => row[0] === 'patient').map((row) => row[1]));
    expect(patients.size).toBe(summary.dice.patients);
    expect(rows.filter((row) => row[0] === 'patient')).toHaveLength(summary.dice.patients * 5);
    for (const row of rows.slice(1)) expect(Number(row[5])).toBeLessThanOrEqual(1);

    const model = JSON.parse(readFileSync(join(out, 'unet', 'model.json'), 'utf8'));
    expect(model.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(existsSync(join(out, 'unet', 'weights.bin'))).toBe(true);
  });

  test('checkpoint of another size is named', () => {
    const run = cli('--data', acdc, ...small, '--synthetic', join(folder, 'tiny-16.zip'), '--n', '4', '--out', join(folder, 'mismatch'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tiny-16.zip: the generator makes 16 x 16 samples');
  });

  test('bad arguments exit 2 naming the option', () => {
    const cases: [string[], string][] = [
      [['--mode', 'gan'], '--mode is "gan"; choose one of real, augmented, synthetic, real+synthetic'],
      [['--mode', 'synthetic'], '--mode synthetic needs --synthetic'],
      [['--mode', 'augmented', '--synthetic', 'g.zip'], '--synthetic is given but --mode augmented'],
      [['--epochs', '0'], '--epochs is "0"'],
      [['--levels', '6'], '--levels is 6'],
      [['--learning-rate', 'fast'], '--learning-rate is "fast"'],
    ];
    for (const [args, message] of cases) {
      const run = cli('--data', acdc, '--out', join(folder, 'never'), '--size', '32', ...args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
    }
    const missing = cli('--data', acdc);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--out is required');
  });

  test('help documents every option', () => {
    const run = cli('--help');
    expect(run.status).toBe(0);
    const options = ['--data', '--size', '--classes', '--test-fraction', '--mode', '--synthetic', '--n', '--epochs', '--filters', '--levels', '--batch', '--learning-rate', '--seed', '--out'];
    for (const option of options) expect(run.stdout).toContain(option);
  });
});
