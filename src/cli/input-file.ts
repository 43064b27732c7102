/** Reads a file named on the command line, with an error that names the option, the path and what to give instead. */

import { readFile } from 'node:fs/promises';
import { LabError } from '../core/errors';

export async function readInputFile(path: string, option: string, hint: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new LabError('not-found', `cannot read ${path} (${error instanceof Error ? error.message : String(error)})`, { field: option, hint });
  }
}
