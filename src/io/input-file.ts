/**
 * Files as the readers see them, whether they come from a browser drop, a
 * folder picker or the disk in Node: a path relative to the dropped folder
 * and a way to read the bytes on demand.
 */

export interface InputFile {
  /** Path relative to the dropped folder, with `/` separators (for example `patient001/patient001_frame01.nii.gz`). */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  bytes(): Promise<Uint8Array>;
}

/** Finds companion files (the `.raw` of a `.mhd`) among the files of one drop. */
export interface FileLookup {
  get(path: string): InputFile | undefined;
}

export function createFileLookup(files: readonly InputFile[]): FileLookup {
  const byPath = new Map(files.map((file) => [normalizePath(file.path), file]));
  return { get: (path) => byPath.get(normalizePath(path)) };
}

/** Resolves `name` against the folder of `path`, as MetaImage data-file names are. */
export function siblingPath(path: string, name: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? name : `${path.slice(0, slash + 1)}${name}`;
}

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** Wraps a browser `File` (also a `Blob`) under the path it had in the dropped folder. */
export function inputFileFromBlob(path: string, blob: Blob): InputFile {
  return {
    path: normalizePath(path),
    size: blob.size,
    bytes: async () => new Uint8Array(await blob.arrayBuffer()),
  };
}

/** Wraps bytes already in memory, as tests and the command line have them. */
export function inputFileFromBytes(path: string, bytes: Uint8Array): InputFile {
  return { path: normalizePath(path), size: bytes.byteLength, bytes: async () => bytes };
}
