import { describe, expect, test } from 'vitest';
import { formatHelp, integerOption, numberOption, parseOptions, UsageError, type OptionSpec } from './options';

const SPECS: OptionSpec[] = [
  { name: 'data', value: 'FOLDER', help: 'dataset folder', required: true },
  { name: 'gan', value: 'KIND', help: 'GAN', default: 'dcgan', choices: ['dcgan', 'wgan'] },
  { name: 'steps', value: 'N', help: 'steps' },
  { name: 'drop-empty', help: 'drop empty slices' },
];

function usageMessage(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseOptions', () => {
  test('reads values, flags and defaults', () => {
    expect(parseOptions('train', SPECS, ['--data', 'x', '--drop-empty'])).toMatchObject({ data: 'x', gan: 'dcgan', 'drop-empty': true });
  });

  test('unknown option is named', () => {
    expect(usageMessage(() => parseOptions('train', SPECS, ['--data', 'x', '--epochs', '3']))).toBe(
      'train: unknown option --epochs; see `npm run cli -- train --help`',
    );
  });

  test('missing required option is named', () => {
    expect(usageMessage(() => parseOptions('train', SPECS, []))).toBe('train: --data is required (dataset folder)');
  });

  test('value outside the choices is named', () => {
    expect(usageMessage(() => parseOptions('train', SPECS, ['--data', 'x', '--gan', 'stylegan']))).toBe(
      'train: --gan is "stylegan"; choose one of dcgan, wgan',
    );
  });

  test('option without its value is named', () => {
    expect(usageMessage(() => parseOptions('train', SPECS, ['--data']))).toContain('option --data needs a value');
  });

  test('help skips the required checks', () => {
    expect(parseOptions('train', SPECS, ['--help']).help).toBe(true);
  });
});

describe('numeric options', () => {
  test('whole numbers within range', () => {
    expect(integerOption('train', { steps: '20' }, 'steps', 1, 100)).toBe(20);
    expect(integerOption('train', {}, 'steps', 1, 100)).toBeUndefined();
    expect(usageMessage(() => integerOption('train', { steps: '2.5' }, 'steps', 1, 100))).toBe('train: --steps is "2.5"; it must be a whole number from 1 to 100');
    expect(usageMessage(() => integerOption('train', { steps: '0' }, 'steps', 1, 100))).toContain('from 1 to 100');
  });

  test('numbers within range', () => {
    expect(numberOption('train', { share: '0.25' }, 'share', 0, 0.9)).toBe(0.25);
    expect(usageMessage(() => numberOption('train', { share: 'half' }, 'share', 0, 0.9))).toBe('train: --share is "half"; it must be a number from 0 to 0.9');
  });
});

test('help lists every option with its default and choices', () => {
  const help = formatHelp('train', 'Trains.', SPECS);
  expect(help).toContain('--data FOLDER');
  expect(help).toContain('(required)');
  expect(help).toContain('(default dcgan; one of dcgan, wgan)');
  expect(help).toContain('--drop-empty');
});
