/**
 * The one entry point from files to volumes. `readVolume` reads the bytes,
 * inflates gzip, chooses the reader by the content's signature and falls back
 * on the file extension only for MetaImage, whose text header has no magic
 * number. A file whose extension disagrees with its content is read by its
 * content.
 */

import { LabError } from '../core/errors';
import { createLogger } from '../core/log';
import { gunzip, isGzip } from './gzip';
import type { FileLookup, InputFile } from './input-file';
import type { VolumeReader } from './reader';
import { bmpReader } from './readers/bmp';
import { gifReader } from './readers/gif';
import { jpegReader } from './readers/jpeg';
import { metaImageReader } from './readers/metaimage';
import { niftiReader } from './readers/nifti';
import { pngReader } from './readers/png';
import { tiffReader } from './readers/tiff';
import type { Volume } from './volume';

const log = createLogger('io/registry');

/** All readers, in the order their signatures are tried. */
export const volumeReaders: readonly VolumeReader[] = [
  niftiReader,
  pngReader,
  jpegReader,
  tiffReader,
  gifReader,
  bmpReader,
  metaImageReader,
];

/** File name endings of readable images, lower case with the dot. */
export const supportedExtensions: readonly string[] = volumeReaders.flatMap((reader) => reader.extensions);

/** Endings of MetaImage data files, which belong to a `.mhd` header and are no images on their own. */
export const companionDataExtensions: readonly string[] = ['.raw', '.zraw'];

/** True for the `.raw`/`.zraw` data file of a MetaImage header: read the `.mhd`, not this file. */
export function isCompanionDataFile(path: string): boolean {
  return companionDataExtensions.some((extension) => path.toLowerCase().endsWith(extension));
}

/** True when the path ends with the extension of a supported image format. */
export function hasSupportedExtension(path: string): boolean {
  return readerForExtension(path) !== undefined;
}

/** Names and extensions of the supported formats, for messages (for example `PNG (.png)`). */
export function describeSupportedFormats(): string {
  const formats = volumeReaders.map((reader) => `${reader.name} (${reader.extensions.join(', ')})`);
  return `${formats.join(', ')}, with each MetaImage .mhd header next to its ${companionDataExtensions.join('/')} data file`;
}

/**
 * Reads one image file. `lookup` finds companion files (the `.raw` of a
 * `.mhd`) among the files dropped with it. Throws LabError, never returns an
 * empty result.
 */
export async function readVolume(file: InputFile, lookup: FileLookup): Promise<Volume> {
  if (isCompanionDataFile(file.path)) {
    throw new LabError('unsupported-format', 'this is the data file of a MetaImage header, not an image on its own', {
      file: file.path,
      hint: 'Read the .mhd header that names it, dropped together with this file.',
    });
  }

  const started = performance.now();
  const stored = plainBytes(await file.bytes());
  if (stored.length === 0) {
    throw new LabError('truncated-file', 'the file is empty', {
      file: file.path,
      hint: 'Copy or download the file again.',
    });
  }
  const compressed = isGzip(stored);
  const bytes = compressed ? gunzip(stored, file.path) : stored;
  const reader = chooseReader(bytes, file.path);
  const volume = await reader.read({ file, bytes, ownsBytes: compressed, lookup });

  log.debug('read volume', {
    file: file.path,
    format: volume.format,
    dims: volume.dims,
    frames: volume.frames,
    channels: volume.channels,
    dtype: volume.dtype,
    milliseconds: Math.round(performance.now() - started),
  });
  return volume;
}

function chooseReader(bytes: Uint8Array, path: string): VolumeReader {
  const byContent = volumeReaders.find((reader) => reader.matches(bytes));
  const byExtension = readerForExtension(path);
  if (byContent) {
    if (byExtension && byExtension !== byContent) {
      log.warn('extension disagrees with content, so the file is read by its content', { file: path, content: byContent.name });
    }
    return byContent;
  }
  if (byExtension?.readsByExtension) return byExtension;
  if (byExtension) {
    throw new LabError(
      'corrupt-file',
      `the content (first bytes ${hexPrefix(bytes)}) is not ${byExtension.name} data, although the name says so`,
      { file: path, hint: `Export the file again as ${byExtension.name}, because its content is damaged or in another format.` },
    );
  }
  throw new LabError('unsupported-format', `the content (first bytes ${hexPrefix(bytes)}) matches no supported image format`, {
    file: path,
    hint: `Convert it to one of: ${describeSupportedFormats()}.`,
  });
}

function readerForExtension(path: string): VolumeReader | undefined {
  const lower = path.toLowerCase();
  return volumeReaders.find((reader) => reader.extensions.some((extension) => lower.endsWith(extension)));
}

/** A plain Uint8Array over the same memory: a Node Buffer's `slice` returns a view, not a copy. */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype
    ? bytes
    : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function hexPrefix(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
}
