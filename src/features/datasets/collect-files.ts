/**
 * Turns what the user dropped or picked into files with their paths inside
 * the dropped folder. Drops walk FileSystemEntry trees (readEntries returns
 * at most 100 entries per call in Chrome, so it is called until empty); the
 * folder picker gives `webkitRelativePath`.
 */

import type { DroppedFile } from '../../protocol/ingest';

export interface CollectedFolder {
  /** Name of the dropped or picked top folder, used as the dataset name. */
  name: string;
  files: DroppedFile[];
}

export function filesFromInput(list: FileList): CollectedFolder {
  const files = Array.from(list, (file) => ({ path: file.webkitRelativePath || file.name, file }));
  return { name: topFolderName(files.map((f) => f.path)), files: files.filter((f) => !isHidden(f.path)) };
}

export async function filesFromDataTransfer(transfer: DataTransfer): Promise<CollectedFolder> {
  const entries = Array.from(transfer.items)
    .map((item) => item.webkitGetAsEntry())
    .filter((entry): entry is FileSystemEntry => entry !== null);
  const files: DroppedFile[] = [];
  for (const entry of entries) await walk(entry, files);
  return { name: topFolderName(files.map((f) => f.path)), files: files.filter((f) => !isHidden(f.path)) };
}

async function walk(entry: FileSystemEntry, out: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ path: entry.fullPath.replace(/^\//, ''), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return;
    for (const child of batch) await walk(child, out);
  }
}

function topFolderName(paths: string[]): string {
  const first = paths[0] ?? '';
  const slash = first.indexOf('/');
  if (slash < 0) return 'Dropped files';
  const top = first.slice(0, slash);
  return paths.every((p) => p.startsWith(`${top}/`)) ? top : 'Dropped files';
}

/** Dotfiles and folders (`.DS_Store`, `.git`) are never data. */
function isHidden(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.'));
}
