/**
 * Path parsing for the pairing rules: folder, base name, stem and extension of
 * each dropped file, and the extensions the readers accept.
 */

import { normalizePath } from '../input-file';

export interface FileEntry {
  /** Normalised relative path with `/` separators. */
  path: string;
  /** Folder components from the dropped folder down. */
  dirs: string[];
  /** Folder path ('' at the top). */
  dir: string;
  name: string;
  /** Name without its extension; `.nii.gz` counts as one extension. */
  stem: string;
  /** Lower-case extension with its dot, or '' when the name has none. */
  ext: string;
}

/** Extensions of the formats the readers accept as images or masks. */
export const IMAGE_EXTENSIONS: readonly string[] = [
  '.nii.gz',
  '.nii',
  '.mhd',
  '.mha',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.gif',
  '.bmp',
];

/** Extensions of MetaImage data files, read through their `.mhd` header. */
export const DATA_EXTENSIONS: readonly string[] = ['.raw', '.zraw'];

const DOUBLE_EXTENSIONS = ['.nii.gz'];

export function parseFile(rawPath: string): FileEntry {
  const path = normalizePath(rawPath);
  const parts = path.split('/');
  const name = parts.pop() ?? '';
  const ext = extensionOf(name);
  return {
    path,
    dirs: parts,
    dir: parts.join('/'),
    name,
    stem: name.slice(0, name.length - ext.length),
    ext,
  };
}

function extensionOf(name: string): string {
  const lower = name.toLowerCase();
  const double = DOUBLE_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (double) return double;
  const dot = lower.lastIndexOf('.');
  return dot <= 0 ? '' : lower.slice(dot);
}

export function isImageFile(file: FileEntry): boolean {
  return IMAGE_EXTENSIONS.includes(file.ext);
}

export function is2dFormat(file: FileEntry): boolean {
  return ['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.gif', '.bmp'].includes(file.ext);
}

/** Number of leading folders two files share. */
export function sharedDepth(a: FileEntry, b: FileEntry): number {
  let depth = 0;
  while (depth < a.dirs.length && depth < b.dirs.length && a.dirs[depth] === b.dirs[depth]) {
    depth++;
  }
  return depth;
}

/**
 * Picks the candidate closest to `file` in the folder tree: most shared
 * leading folders, then the shallower one, then path order. So a mask in the
 * same folder or a nearby ground-truth folder wins over a copy elsewhere.
 */
export function nearest(file: FileEntry, candidates: readonly FileEntry[]): FileEntry | undefined {
  let best: FileEntry | undefined;
  let bestKey: [number, number, string] = [-1, 0, ''];
  for (const candidate of candidates) {
    const key: [number, number, string] = [
      sharedDepth(file, candidate),
      -candidate.dirs.length,
      candidate.path,
    ];
    if (best === undefined || compareKeys(key, bestKey) > 0) {
      best = candidate;
      bestKey = key;
    }
  }
  return best;
}

function compareKeys(a: [number, number, string], b: [number, number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] !== b[1]) return a[1] - b[1];
  // The earlier path wins a tie.
  return -comparePaths(a[2], b[2]);
}

/** Groups entries by a key; entries whose key is undefined are skipped. */
export function groupBy(
  files: readonly FileEntry[],
  keyOf: (file: FileEntry) => string | undefined,
): Map<string, FileEntry[]> {
  const groups = new Map<string, FileEntry[]>();
  for (const file of files) {
    const key = keyOf(file);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(file);
    else groups.set(key, [file]);
  }
  return groups;
}

/** Code-unit order of two paths, the same in every locale. */
export function comparePaths(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

export function byPath(a: { path: string }, b: { path: string }): number {
  return comparePaths(a.path, b.path);
}
