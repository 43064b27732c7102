/**
 * Helpers for the reader tests: wrap bytes as InputFiles, read them through
 * the registry, and index voxels.
 */

import { createFileLookup, inputFileFromBytes, type InputFile } from '../io/input-file';
import { inputFileFromPath } from '../io/node-folder';
import { readVolume } from '../io/registry';
import type { Volume } from '../io/volume';

/** Reads in-memory files through the registry; the first file is the one read, the rest are its companions. */
export async function readBytes(path: string, bytes: Uint8Array, companions: Record<string, Uint8Array> = {}): Promise<Volume> {
  const file = inputFileFromBytes(path, bytes);
  const others = Object.entries(companions).map(([name, content]) => inputFileFromBytes(name, content));
  return readVolume(file, createFileLookup([file, ...others]));
}

/** Reads files on disk through the registry; `files` maps relative paths to absolute ones, the first being read. */
export async function readDiskFiles(files: Record<string, string>): Promise<Volume> {
  const inputs: InputFile[] = await Promise.all(
    Object.entries(files).map(([relative, absolute]) => inputFileFromPath(absolute, relative)),
  );
  return readVolume(inputs[0], createFileLookup(inputs));
}

/** Value at voxel (x, y, z), frame `t`, channel `c`, with data in [frame][z][y][x][channel] order. */
export function voxelAt(volume: Volume, x: number, y: number, z = 0, t = 0, c = 0): number {
  const [nx, ny, nz] = volume.dims;
  return volume.data[(((t * nz + z) * ny + y) * nx + x) * volume.channels + c];
}

export function sumOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

export function minMaxOf(values: ArrayLike<number>): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return [min, max];
}
