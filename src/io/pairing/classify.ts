/**
 * First pass of pairing: sets aside files that cannot be images or masks
 * (hidden files, documents, unsupported formats) with a reason, and
 * attaches MetaImage data files to their headers.
 */

import { DATA_EXTENSIONS, isImageFile, type FileEntry } from './files';
import type { CompanionFile, LeftOutFile } from './types';

const UNSUPPORTED_FORMATS: Record<string, string> = {
  '.dcm': 'DICOM files are not supported: convert the series to NIfTI, for example with dcm2niix',
  '.ima': 'DICOM files are not supported: convert the series to NIfTI, for example with dcm2niix',
  '.nrrd': 'NRRD files are not supported: convert them to NIfTI or MetaImage, for example with 3D Slicer or SimpleITK',
  '.nhdr': 'NRRD files are not supported: convert them to NIfTI or MetaImage, for example with 3D Slicer or SimpleITK',
  '.hdr': 'Analyze 7.5 files are not supported: convert them to NIfTI',
  '.img': 'Analyze 7.5 files are not supported: convert them to NIfTI',
  '.npy': 'NumPy arrays are not supported: save them as NIfTI',
  '.npz': 'NumPy arrays are not supported: save them as NIfTI',
};

export interface Classified {
  /** Files in an image format, for the pairing rules. */
  images: FileEntry[];
  leftOut: LeftOutFile[];
  companions: CompanionFile[];
}

export function classifyFiles(files: readonly FileEntry[]): Classified {
  const headers = new Set(
    files.filter((file) => file.ext === '.mhd').map((file) => `${file.dir}/${file.stem}`),
  );
  const result: Classified = { images: [], leftOut: [], companions: [] };
  for (const file of files) {
    const hidden = hiddenReason(file);
    if (hidden) {
      result.leftOut.push({ path: file.path, reason: hidden });
    } else if (DATA_EXTENSIONS.includes(file.ext)) {
      if (headers.has(`${file.dir}/${file.stem}`)) {
        result.companions.push({ path: file.path, of: `${file.dir ? `${file.dir}/` : ''}${file.stem}.mhd` });
      } else {
        result.leftOut.push({
          path: file.path,
          reason: `MetaImage data file without its header: expected ${file.stem}.mhd beside it`,
        });
      }
    } else if (isImageFile(file)) {
      result.images.push(file);
    } else {
      result.leftOut.push({ path: file.path, reason: UNSUPPORTED_FORMATS[file.ext] ?? notAnImage(file) });
    }
  }
  return result;
}

function hiddenReason(file: FileEntry): string | undefined {
  if (file.dirs.includes('__MACOSX')) return 'macOS archive metadata, not an image';
  if (file.name.startsWith('.') || file.dirs.some((dir) => dir.startsWith('.'))) {
    return 'hidden file (system or macOS metadata), not an image';
  }
  return undefined;
}

function notAnImage(file: FileEntry): string {
  const kind = file.ext ? `${file.ext} file` : 'file without an extension';
  return `not an image or mask (${kind}): the lab reads NIfTI, MetaImage, PNG, JPEG, TIFF, GIF and BMP`;
}
