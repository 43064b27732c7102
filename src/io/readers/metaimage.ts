/**
 * MetaImage reader: `.mhd` header with a `.raw` or `.zraw` data file, or a
 * single `.mha` file with `ElementDataFile = LOCAL`.
 *
 * Format: https://itk.org/Wiki/ITK/MetaIO/Documentation. Voxels are stored x
 * fastest with channels interleaved per voxel. `CompressedData = True` means a
 * zlib stream (RFC 1950), as MetaIO writes with zlib's compress2.
 */

import { inflateSync, unzlibSync } from 'fflate';

import { LabError } from '../../core/errors';
import { baseName, siblingPath } from '../input-file';
import { gunzip, isGzip } from '../gzip';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume } from '../volume';
import { bytesPerVoxel, voxelArrayFromBytes } from '../voxels';
import { looksLikeMetaImage, parseMetaImageHeader, type MetaImageHeader } from './metaimage-header';

export const metaImageReader: VolumeReader = {
  name: 'MetaImage',
  extensions: ['.mhd', '.mha'],
  readsByExtension: true,
  matches: looksLikeMetaImage,
  read: readMetaImage,
};

/** Location of one image's voxel bytes: a file's content and the offset of the first byte. */
interface DataSource {
  name: string;
  bytes: Uint8Array;
  owned: boolean;
  start: number;
}

export async function readMetaImage(request: ReadRequest): Promise<Volume> {
  const { file } = request;
  const header = parseMetaImageHeader(request.bytes, file.path);
  const [x, y = 1, z = 1, frames = 1] = header.dimSize;
  const count = x * y * z * frames * header.channels;
  const needed = count * bytesPerVoxel[header.dtype];

  let source = await locateData(header, request, needed);
  if (header.compressed) source = inflateData(header, source, file.path);

  const available = Math.max(0, source.bytes.length - source.start);
  if (available < needed) {
    throw new LabError(
      'truncated-file',
      `voxel data in ${source.name} are short: DimSize ${header.dimSize.join(' ')} of ${header.dtype} x ${header.channels} channel(s) needs ${needed} bytes, ${available} are there`,
      { file: file.path, hint: 'Copy or export the data file again, because it is incomplete.' },
    );
  }

  const data = voxelArrayFromBytes(header.dtype, source.bytes, source.start, count, !header.bigEndian, source.owned);
  return {
    source: file.path,
    format: 'metaimage',
    dims: [x, y, z],
    frames,
    channels: header.channels,
    spacing: spacing(header),
    dtype: header.dtype,
    data,
  };
}

async function locateData(header: MetaImageHeader, request: ReadRequest, needed: number): Promise<DataSource> {
  const { file, lookup } = request;
  const name = header.dataFile;
  if (name.toUpperCase() === 'LOCAL') {
    return { name: baseName(file.path), bytes: request.bytes, owned: request.ownsBytes, start: header.dataOffset };
  }
  if (name === '' || name.toUpperCase().startsWith('LIST') || name.includes('%')) {
    throw new LabError('unsupported-format', `ElementDataFile = ${name || '(empty)'}: only LOCAL or one data file is supported`, {
      file: file.path,
      hint: 'Save the image as a single .mha file or as one .mhd with one .raw file.',
    });
  }

  const dataPath = siblingPath(file.path, name);
  const companion = lookup.get(dataPath);
  if (!companion) {
    throw new LabError('missing-companion', `its data file ${dataPath} (ElementDataFile) is not among the dropped files`, {
      file: file.path,
      hint: `Drop the folder that contains both ${baseName(file.path)} and ${name}.`,
    });
  }
  const bytes = await companion.bytes();
  // HeaderSize = -1 means the voxels are the last bytes of the data file.
  const start = header.headerSize === -1 && !header.compressed ? Math.max(0, bytes.length - needed) : Math.max(0, header.headerSize);
  return { name: dataPath, bytes, owned: false, start };
}

/** Inflates zlib data (gzip and raw deflate are accepted too, recognised by their first bytes). */
function inflateData(header: MetaImageHeader, source: DataSource, file: string): DataSource {
  const end = header.compressedDataSize === undefined ? source.bytes.length : source.start + header.compressedDataSize;
  if (end > source.bytes.length) {
    throw new LabError(
      'truncated-file',
      `CompressedDataSize = ${header.compressedDataSize} but ${source.name} holds ${source.bytes.length - source.start} compressed bytes`,
      { file, hint: 'Copy or export the image again, because its data are incomplete.' },
    );
  }
  const compressed = source.bytes.subarray(source.start, end);
  if (isGzip(compressed)) return { ...source, bytes: gunzip(compressed, source.name), owned: true, start: 0 };
  try {
    const bytes = isZlibHeader(compressed) ? unzlibSync(compressed) : inflateSync(compressed);
    return { ...source, bytes, owned: true, start: 0 };
  } catch (error) {
    const truncated = (error as { code?: unknown }).code === 0;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LabError(
      truncated ? 'truncated-file' : 'corrupt-file',
      `compressed voxel data in ${source.name} ${truncated ? 'end early' : 'are invalid'} (${reason})`,
      { file, hint: 'Copy or export the image again, because its data file is damaged or incomplete.', cause: error },
    );
  }
}

/** RFC 1950: compression method 8 in the low nibble of CMF, and CMF * 256 + FLG divisible by 31. */
function isZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0] & 0x0f) === 8 && ((bytes[0] << 8) | bytes[1]) % 31 === 0;
}

function spacing(header: MetaImageHeader): [number, number, number] {
  const size = (i: number) => {
    const value = Math.abs(header.spacing[i] ?? 1);
    return value > 0 ? value : 1;
  };
  return [size(0), header.dimSize.length >= 2 ? size(1) : 1, header.dimSize.length >= 3 ? size(2) : 1];
}
