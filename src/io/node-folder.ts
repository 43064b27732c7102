/**
 * Folders on disk as InputFiles, for tests, benchmarks and the command line.
 * Node only: browser code gets its files from a drop or a folder picker.
 */

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { InputFile } from './input-file';

/**
 * Lists the files under `dir`, recursing into subfolders and skipping names
 * that start with a dot. Paths are relative to `dir` with `/` separators and
 * sorted. Bytes are read when requested.
 */
export async function listFolderFiles(dir: string): Promise<InputFile[]> {
  const files: InputFile[] = [];
  await collect(dir, '', files);
  return files.sort(byPath);
}

function byPath(a: InputFile, b: InputFile): number {
  if (a.path < b.path) return -1;
  return a.path > b.path ? 1 : 0;
}

async function collect(root: string, relative: string, files: InputFile[]): Promise<void> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    const absolute = join(root, path);
    // Symbolic links count as what they point to.
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(absolute)).isDirectory());
    if (isDirectory) await collect(root, path, files);
    else files.push(await inputFileFromPath(absolute, path));
  }
}

/** Wraps one file on disk under the given relative path. */
export async function inputFileFromPath(absolutePath: string, path: string): Promise<InputFile> {
  const { size } = await stat(absolutePath);
  return {
    path,
    size,
    bytes: async () => {
      const buffer = await readFile(absolutePath);
      // A plain Uint8Array: a Buffer's `slice` returns a view, which readers do not expect.
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
  };
}
