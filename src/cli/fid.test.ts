import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeCheckpoint } from '../ml/training/checkpoint';
import { checkpointToZip } from '../ml/training/checkpoint-archive';
import { GanTrainer } from '../ml/training/trainer';
import { standInExtractorModel } from '../ml/testing/stand-in-extractor';
import { tinyConfig, tinyTrainingSet } from '../ml/testing/tiny';
import { repositoryRoot, sharedDataDir, sharedPath } from '../testing/shared';

const folder = mkdtempSync(join(tmpdir(), 'ganlab-fid-'));

beforeAll(async () => {
  await tf.setBackend('cpu');
  await standInExtractorModel().save(
    tf.io.withSaveHandler(async (artifacts) => {
      writeFileSync(join(folder, 'weights.bin'), new Uint8Array(artifacts.weightData as ArrayBuffer));
      writeFileSync(join(folder, 'model.json'), JSON.stringify({ modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const trainer = new GanTrainer(tinyConfig(), tinyTrainingSet(8));
  await trainer.trainStep();
  writeFileSync(join(folder, 'checkpoint.zip'), checkpointToZip(await writeCheckpoint(trainer, 'run', 'cpu'), { name: 'tiny', datasetName: 'squares' }));
  trainer.dispose();
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(repositoryRoot, 'scripts/run-node.mjs'), 'src/cli/main.ts', 'fid', ...args], { cwd: repositoryRoot, encoding: 'utf8' });
}

describe('cli fid', () => {
  const acdc = sharedPath(sharedDataDir, 'acdc', 'training');
  const extractor = ['--extractor', 'layer', '--weights', join(folder, 'model.json'), '--layer', 'features'];

  test('folder against checkpoint, then the saved statistics give the same FID', () => {
    const first = cli('--real', acdc, '--fake', join(folder, 'checkpoint.zip'), ...extractor, '--size', '32', '--samples', '24', '--save-real', join(folder, 'real.npz'), '--json');
    expect(first.status, first.stderr).toBe(0);
    const direct = JSON.parse(first.stdout);
    expect(direct.fid).toBeGreaterThan(0);
    expect(direct.real.count).toBe(376);
    expect(direct.fake.count).toBe(24);
    expect(direct.kid.subsetSize).toBe(24);
    expect(direct.extractor.layer).toBe('features');

    const second = cli('--real', join(folder, 'real.npz'), '--fake', join(folder, 'checkpoint.zip'), ...extractor, '--samples', '24', '--json');
    expect(second.status, second.stderr).toBe(0);
    const fromFile = JSON.parse(second.stdout);
    expect(Math.abs(fromFile.fid - direct.fid) / direct.fid).toBeLessThan(1e-9);
    expect(fromFile.kid).toBeNull();
  });

  test('Inception weights of the wrong layout are named', () => {
    const reduced = join(repositoryRoot, 'src/ml/metrics/inception/fixtures/fid-inception-d8.pt');
    const run = cli('--real', acdc, '--fake', join(folder, 'checkpoint.zip'), '--weights', reduced, '--size', '32');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Conv2d_1a_3x3\.conv\.weight|shape/);
    expect(run.stderr).toContain('pt_inception-2015-12-05-6726825d.pth');
  });

  test('a missing extractor is a usage error', () => {
    const run = cli('--real', acdc, '--fake', join(folder, 'checkpoint.zip'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--weights is required');
  });

  test('a missing weights file names it', () => {
    const missing = join(folder, 'pt_inception-2015-12-05-6726825d.pth');
    const run = cli('--real', acdc, '--fake', join(folder, 'checkpoint.zip'), '--weights', missing, '--size', '32');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cannot read ${missing}`);
    expect(run.stderr).toContain('--weights');
    expect(run.stderr).toContain("pytorch-fid's GitHub releases");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a missing statistics file names it', () => {
    const missing = join(folder, 'absent.npz');
    const run = cli('--real', missing, '--fake', join(folder, 'checkpoint.zip'), ...extractor);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`cannot read ${missing}`);
    expect(run.stderr).toContain('--real');
  });
});
