/** Ingest speed in Node: decoding every ACDC file, and the whole ingest to 64 x 64 slices. */

import { spawnSync } from 'node:child_process';
import { createFileLookup } from '../../src/io/input-file';
import { listFolderFiles } from '../../src/io/node-folder';
import { readVolume } from '../../src/io/registry';
import { ingest } from '../../src/preprocess/ingest';
import { createMemorySink } from '../../src/preprocess/memory-sink';
import { DEFAULT_INGEST_OPTIONS } from '../../src/preprocess/slice-dataset';
import { acdcFolder, findPython, medianSeconds, repositoryRoot, round } from '../context';
import type { IngestFigures, NibabelFigures } from '../results';

const REPEATS = 3;

export async function benchIngestNode(): Promise<{ read: IngestFigures; ingest64: { seconds: number; slices: number } }> {
  const files = (await listFolderFiles(acdcFolder)).filter((file) => file.path.endsWith('.nii.gz'));
  const lookup = createFileLookup(files);
  // Read the bytes once, so the figure is decoding speed, not disk speed.
  const bytes = await Promise.all(files.map((file) => file.bytes()));
  const inMemory = files.map((file, i) => ({ ...file, bytes: async () => bytes[i] }));
  let voxels = 0;

  const seconds = await medianSeconds(REPEATS, async () => {
    voxels = 0;
    for (const file of inMemory) voxels += (await readVolume(file, lookup)).data.length;
  });
  const compressedBytes = bytes.reduce((sum, b) => sum + b.byteLength, 0);

  let slices = 0;
  const ingestSeconds = await medianSeconds(REPEATS, async () => {
    const sink = createMemorySink();
    await ingest(inMemory, { ...DEFAULT_INGEST_OPTIONS, size: 64 }, sink);
    slices = sink.slices.length;
  });

  return {
    read: figures(files.length, compressedBytes, voxels, seconds),
    ingest64: { seconds: round(ingestSeconds), slices },
  };
}

export function figures(files: number, compressedBytes: number, voxels: number, seconds: number): IngestFigures {
  return {
    files,
    compressedMB: round(compressedBytes / 1e6),
    voxels,
    seconds: round(seconds),
    compressedMBPerSecond: round(compressedBytes / 1e6 / seconds, 1),
    voxelsPerSecond: Math.round(voxels / seconds),
  };
}

/** nibabel on the same files, when a Python with nibabel is installed. */
export function benchNibabel(): NibabelFigures | null {
  const python = findPython(['nibabel', 'numpy']);
  if (!python) return null;
  const run = spawnSync(python, [`${repositoryRoot}/bench/python/nibabel_read.py`, acdcFolder, String(REPEATS)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`nibabel benchmark failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { files: number; compressedBytes: number; voxels: number; seconds: number; nibabel: string };
  return { ...figures(result.files, result.compressedBytes, result.voxels, result.seconds), version: result.nibabel };
}
