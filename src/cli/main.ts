/**
 * The headless entry: `npm run cli -- <command> [options]`. It runs the same
 * readers, preprocessing and training code as the lab's workers, on the CPU
 * backend of TensorFlow.js. Exit status: 0 done, 1 failed, 2 bad arguments.
 */

import * as tf from '@tensorflow/tfjs';
import { LabError } from '../core/errors';
import { installFastCpuFilterGradient } from '../ml/kernels/cpu-conv-filter-gradient';
import { UsageError } from './options';
import { fidCommand } from './fid';
import { trainCommand } from './train';
import { unetCommand } from './unet';

const COMMANDS: Record<string, { run(argv: string[]): Promise<void>; summary: string }> = {
  train: { run: trainCommand, summary: 'train a GAN on a dataset folder and write its metrics and checkpoints' },
  fid: { run: fidCommand, summary: 'FID and KID between real and generated images, folders, .npz statistics or checkpoints' },
  unet: { run: unetCommand, summary: 'train a U-Net on real, augmented and/or synthetic pairs and report Dice on the real test split' },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(8)}${command.summary}`);
  return ['usage: npm run cli -- <command> [options]', '', 'commands:', ...lines, '', 'Each command takes --help.'].join('\n');
}

// Production mode skips TensorFlow.js debug checks and its advice to install
// tfjs-node, whose native library cannot be downloaded on many machines.
tf.enableProdMode();
installFastCpuFilterGradient();

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    await command.run(rest);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof LabError ? `${name}: ${error.message}` : error);
    return 1;
  }
}

main(process.argv.slice(2)).then((status) => process.exit(status));
