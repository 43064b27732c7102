/**
 * The ACDC folder a journey adds, and the counts it must show, read here
 * straight from the NIfTI headers with Node's zlib, apart from the lab's
 * own readers.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const ACDC_FOLDER = resolve(process.env.GANLAB_E2E_ACDC ?? join(import.meta.dirname, '../../shared/data/acdc/training'));

export interface AcdcExpectation {
  patients: string[];
  pairs: number;
  /** Slices along z of every image, summed: what ingest must store with no slice dropped. */
  slices: number;
}

export function expectedAcdc(folder = ACDC_FOLDER): AcdcExpectation {
  const patients = readdirSync(folder).filter((name) => statSync(join(folder, name)).isDirectory()).sort();
  let pairs = 0;
  let slices = 0;
  for (const patient of patients) {
    for (const file of readdirSync(join(folder, patient))) {
      if (!/_frame\d+\.nii\.gz$/.test(file)) continue;
      pairs += 1;
      slices += niftiDepth(gunzipSync(readFileSync(join(folder, patient, file))));
    }
  }
  return { patients, pairs, slices };
}

/** dim[3] of a little-endian NIfTI-1 header: int16 at byte 40 + 2 * 3. */
function niftiDepth(header: Buffer): number {
  if (header.readInt32LE(0) !== 348) throw new Error('expected a little-endian NIfTI-1 header');
  return header.readInt16LE(46);
}
