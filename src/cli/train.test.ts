import * as tf from '@tensorflow/tfjs';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { assembleTrainingSet } from '../ml/data/assemble';
import { restoreTrainer } from '../ml/training/checkpoint';
import { checkpointFromZip } from '../ml/training/checkpoint-archive';
import { DEFAULT_INGEST_OPTIONS } from '../preprocess/slice-dataset';
import { repositoryRoot, sharedDataDir, sharedPath } from '../testing/shared';
import { loadDatasetFolder } from './dataset';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(repositoryRoot, 'scripts/run-node.mjs'), 'src/cli/main.ts', ...args], { cwd: repositoryRoot, encoding: 'utf8' });
}

describe('cli train', () => {
  test('wgan-gp on ACDC writes config, metrics and a loadable checkpoint', async () => {
    const acdc = sharedPath(sharedDataDir, 'acdc', 'training');
    const out = mkdtempSync(join(tmpdir(), 'ganlab-cli-'));
    const overrides = join(out, 'overrides.json');
    writeFileSync(overrides, JSON.stringify({ generator: { filters: 4 }, discriminator: { filters: 4 }, criticSteps: 2 }));

    const run = cli('train', '--data', acdc, '--gan', 'wgan-gp', '--size', '32', '--steps', '3', '--batch', '4', '--checkpoint-every', '2', '--config', overrides, '--out', out);

    expect(run.status, run.stderr).toBe(0);
    const { config } = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({ gan: 'wgan-gp', resolution: 32, numClasses: 4, gradientPenalty: 10, criticSteps: 2, totalSteps: 3 });
    const metrics = readFileSync(join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3]);
    expect(metrics[0].losses['Loss/D/gp']).toBeGreaterThan(0);
    expect(metrics.every((m) => m.imagesPerSecond > 0)).toBe(true);
    expect(readdirSync(join(out, 'checkpoints')).sort()).toEqual(['step-000002.zip', 'step-000003.zip']);

    const { checkpoint, run: description } = checkpointFromZip(readFileSync(join(out, 'checkpoint.zip')), 'checkpoint.zip');
    expect(checkpoint.step).toBe(3);
    expect(description.datasetName).toBe('training');
    const dataset = await loadDatasetFolder(acdc, { ...DEFAULT_INGEST_OPTIONS, size: 32 });
    const trainer = await restoreTrainer(checkpoint, assembleTrainingSet(dataset.slices, dataset, 'train'));
    const next = await trainer.trainStep();
    expect(next.step).toBe(4);
    expect(Number.isFinite(next.losses['Loss/D'])).toBe(true);
    trainer.dispose();
  });

  test('SIGTERM writes a checkpoint, then exits', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ganlab-cli-'));
    const overrides = join(out, 'overrides.json');
    writeFileSync(overrides, JSON.stringify({ generator: { filters: 4 }, discriminator: { filters: 4 } }));
    const args = ['train', '--data', sharedPath(sharedDataDir, 'acdc', 'training'), '--size', '32', '--steps', '1000', '--batch', '4', '--checkpoint-every', '1000', '--config', overrides, '--out', out];
    const child = spawn(process.execPath, [join(repositoryRoot, 'scripts/run-node.mjs'), 'src/cli/main.ts', ...args], { cwd: repositoryRoot });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) => {
      const listen = (chunk: Buffer) => {
        output += chunk.toString();
        if (/step 1\/1000/.test(output)) resolve();
      };
      child.stdout.on('data', listen);
      child.stderr.on('data', listen);
    });
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    const checkpoints = readdirSync(join(out, 'checkpoints'));
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]).toMatch(/^step-0000\d\d\.zip$/);
    expect(output).toContain('SIGTERM: writing a checkpoint');
  });

  test('bad arguments exit 2 naming the option', () => {
    const run = cli('train', '--data', 'somewhere', '--out', 'elsewhere', '--gan', 'stylegan');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--gan is "stylegan"; choose one of dcgan, lsgan, wgan, wgan-gp, hinge');
  });

  test('help documents every option', () => {
    const run = cli('train', '--help');
    expect(run.status).toBe(0);
    for (const option of ['--data', '--gan', '--size', '--steps', '--config', '--out', '--batch', '--seed', '--vgg']) expect(run.stdout).toContain(option);
  });
});
