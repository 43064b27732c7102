import { describe, expect, test } from 'vitest';
import { experimentTable, planItems, type ExperimentOptions, type ExperimentRecord } from './experiment-record';

const options: ExperimentOptions = {
  unet: { filters: 8, epochs: 2, batchSize: 4, learningRate: 0.001 },
  syntheticCount: 100,
  fidelitySamples: 50,
  extractor: null,
  domainFid: true,
  seed: 1,
};
const checkpoint = { runId: 'run-a', runName: 'WGAN-GP', gan: 'wgan-gp', step: 200 };

function experimentOf(items: ExperimentRecord['items'], checkpoints: ExperimentRecord['checkpoints'], status: ExperimentRecord['status']): ExperimentRecord {
  return {
    id: 'e',
    name: 'ACDC study',
    datasetId: 'd',
    datasetName: 'ACDC',
    classNames: ['right ventricle', 'myocardium', 'left ventricle'],
    createdAt: '',
    updatedAt: '',
    options,
    checkpoints,
    items,
    status,
  };
}

describe('planItems', () => {
  test('original-data U-Net first, then fidelity, then synthetic sets', () => {
    const items = planItems(['real+synthetic', 'synthetic', 'augmented', 'real'], [checkpoint], options);
    expect(items.map((i) => i.id)).toEqual(['real', 'augmented', 'fidelity:run-a@200', 'synthetic:run-a@200', 'real+synthetic:run-a@200']);
    expect(items.every((i) => i.status === 'pending')).toBe(true);
  });

  test('domain FID needs the original-data U-Net even when its row is not asked for', () => {
    expect(planItems(['synthetic'], [checkpoint], options).map((i) => i.kind)).toEqual(['real', 'fidelity', 'synthetic']);
    expect(planItems(['synthetic'], [checkpoint], { ...options, domainFid: false }).map((i) => i.kind)).toEqual(['synthetic']);
  });
});

describe('experimentTable', () => {
  test('rows carry Dice per foreground class and the GAN fidelity', () => {
    const items = planItems(['real', 'synthetic'], [checkpoint], options);
    const done = items.map((item) => {
      if (item.kind === 'fidelity') return { ...item, status: 'done' as const, fid: 42.5, kid: 0.031, domainFid: 3.2 };
      const dice = item.kind === 'real' ? [0.99, 0.8, 0.7, 0.9] : [0.98, 0.6, 0.5, 0.7];
      return { ...item, status: 'done' as const, dice: { meanForeground: (dice[1] + dice[2] + dice[3]) / 3, perClass: dice, patients: 4, slices: 40 } };
    });
    const table = experimentTable(experimentOf(done, [checkpoint], 'done'));
    expect(table.rows.map((r) => r.label)).toEqual(['Original data', 'WGAN-GP (step 200)']);
    expect(table.rows[0]).toMatchObject({ fid: null, classDice: [0.8, 0.7, 0.9] });
    expect(table.rows[0].meanDice).toBeCloseTo(0.8, 10);
    expect(table.rows[1]).toMatchObject({ fid: 42.5, kid: 0.031, domainFid: 3.2, classDice: [0.6, 0.5, 0.7] });
    expect(table.notes.join(' ')).toContain('100 synthetic pairs');
  });

  test('notes leave out GANs when none is part', () => {
    const items = planItems(['real', 'augmented'], [], options);
    const notes = experimentTable(experimentOf(items, [], 'queued')).notes.join(' ');
    expect(notes).not.toContain('synthetic pairs');
    expect(notes).not.toContain('FID');
    expect(notes).toContain('U-Net with 8 base filters');
  });
});
