/**
 * NIfTI-1 and NIfTI-2 header parsing.
 *
 * Layouts: https://nifti.nimh.nih.gov/pub/dist/src/niftilib/nifti1.h and
 * https://nifti.nimh.nih.gov/pub/dist/doc/nifti2.h. NIfTI has no byte-order
 * flag: `sizeof_hdr` reads as 348 (NIfTI-1) or 540 (NIfTI-2) only in the
 * writer's byte order, and every other field follows that order.
 *
 * Written here instead of using nifti-reader-js 0.8.0 `readHeader`, which
 * fails on valid files. With the extension flag set but no extension before
 * vox_offset (NIfTI-1 with vox_offset 368 and zero bytes at 352, NIfTI-2 with
 * vox_offset 544) it throws a TypeError. When an extension's esize runs past
 * vox_offset it throws too, where the standard stops reading extensions.
 */

import { LabError } from '../../core/errors';
import { createLogger } from '../../core/log';

const log = createLogger('io/nifti');

export interface NiftiExtension {
  /** Byte offset of the extension's esize field. */
  offset: number;
  /** Size in bytes including the 8-byte esize/ecode prefix, a multiple of 16. */
  esize: number;
  ecode: number;
}

export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  /** Size of the fixed header: 348 or 540 bytes. */
  headerSize: number;
  /** `dim[0..7]` as stored: dim[0] is the number of dimensions in use. */
  dim: number[];
  datatype: number;
  bitpix: number;
  /** `pixdim[0..7]` as stored: pixdim[1..3] are the voxel sizes. */
  pixdim: number[];
  /** Byte offset of the first voxel. */
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  /** `xyzt_units`: the spatial unit code is in bits 0-2. */
  xyztUnits: number;
  extensions: NiftiExtension[];
}

const NIFTI1_HEADER_SIZE = 348;
const NIFTI2_HEADER_SIZE = 540;
/** The 4-byte extender (`extension[4]`) follows the fixed header; extensions start after it. */
const EXTENDER_SIZE = 4;

/** True when the first 4 bytes hold sizeof_hdr 348 or 540 in either byte order. */
export function hasNiftiSizeofHdr(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  const sizes = [view.getInt32(0, true), view.getInt32(0, false)];
  return sizes.includes(NIFTI1_HEADER_SIZE) || sizes.includes(NIFTI2_HEADER_SIZE);
}

export function parseNiftiHeader(bytes: Uint8Array, file: string): NiftiHeader {
  const { version, littleEndian, headerSize } = detectVersion(bytes, file);
  if (bytes.length < headerSize) {
    throw new LabError(
      'truncated-file',
      `the file holds ${bytes.length} bytes, fewer than the ${headerSize}-byte NIfTI-${version} header`,
      { file, hint: 'Copy or download the file again, because this copy is incomplete.' },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkMagic(bytes, version, file);

  const fields = version === 1 ? readNifti1Fields(view, littleEndian, file) : readNifti2Fields(view, littleEndian, file);
  checkDims(fields.dim, file);
  const voxOffset = dataOffset(fields.voxOffset, headerSize, file);
  const extensions = readExtensions(bytes, view, littleEndian, headerSize, voxOffset);
  return { version, littleEndian, headerSize, ...fields, voxOffset, extensions };
}

function detectVersion(bytes: Uint8Array, file: string): Pick<NiftiHeader, 'version' | 'littleEndian' | 'headerSize'> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4));
  if (bytes.length >= 4) {
    for (const littleEndian of [true, false]) {
      const size = view.getInt32(0, littleEndian);
      if (size === NIFTI1_HEADER_SIZE) return { version: 1, littleEndian, headerSize: size };
      if (size === NIFTI2_HEADER_SIZE) return { version: 2, littleEndian, headerSize: size };
    }
  }
  throw new LabError('corrupt-file', 'sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order', {
    file,
    hint: 'Export the image again as .nii or .nii.gz, because this file is damaged or not NIfTI.',
  });
}

/** Checks `n+1\0` (NIfTI-1 at byte 344) or `n+2\0\r\n\x1a\n` (NIfTI-2 at byte 4): single-file NIfTI. */
function checkMagic(bytes: Uint8Array, version: 1 | 2, file: string): void {
  const at = version === 1 ? 344 : 4;
  const magic = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2]);
  const terminated = bytes[at + 3] === 0;
  if (magic === `n+${version}` && terminated) return;
  if (magic === `ni${version}` && terminated) {
    throw new LabError('unsupported-format', `magic "ni${version}" marks a .hdr/.img pair, which is not supported`, {
      file,
      hint: 'Convert the pair to a single .nii or .nii.gz file, for example with nibabel or FSL fslchfiletype.',
    });
  }
  if (version === 1) {
    throw new LabError('unsupported-format', 'the 348-byte header has no NIfTI magic, so it is an Analyze 7.5 header', {
      file,
      hint: 'Convert it to NIfTI (.nii or .nii.gz), for example with nibabel or FSL fslchfiletype.',
    });
  }
  throw new LabError('corrupt-file', 'the 540-byte header lacks the NIfTI-2 magic "n+2"', {
    file,
    hint: 'Export the image again as .nii or .nii.gz, because this header is damaged.',
  });
}

type HeaderFields = Omit<NiftiHeader, 'version' | 'littleEndian' | 'headerSize' | 'extensions'>;

function readNifti1Fields(view: DataView, le: boolean, file: string): HeaderFields {
  const dim = Array.from({ length: 8 }, (_, i) => view.getInt16(40 + 2 * i, le));
  const pixdim = Array.from({ length: 8 }, (_, i) => view.getFloat32(76 + 4 * i, le));
  const voxOffset = view.getFloat32(108, le);
  if (!Number.isFinite(voxOffset) || voxOffset < 0) {
    throw new LabError('corrupt-file', `vox_offset = ${voxOffset} is not a valid byte offset`, {
      file,
      hint: 'Export the image again, because its header is damaged.',
    });
  }
  return {
    dim,
    datatype: view.getInt16(70, le),
    bitpix: view.getInt16(72, le),
    pixdim,
    // vox_offset is a float in NIfTI-1, and the standard requires a whole number.
    voxOffset: Math.floor(voxOffset),
    sclSlope: view.getFloat32(112, le),
    sclInter: view.getFloat32(116, le),
    xyztUnits: view.getUint8(123),
  };
}

function readNifti2Fields(view: DataView, le: boolean, file: string): HeaderFields {
  const dim = Array.from({ length: 8 }, (_, i) => readInt64(view, 16 + 8 * i, le, `dim[${i}]`, file));
  const pixdim = Array.from({ length: 8 }, (_, i) => view.getFloat64(104 + 8 * i, le));
  return {
    dim,
    datatype: view.getInt16(12, le),
    bitpix: view.getInt16(14, le),
    pixdim,
    voxOffset: readInt64(view, 168, le, 'vox_offset', file),
    sclSlope: view.getFloat64(176, le),
    sclInter: view.getFloat64(184, le),
    xyztUnits: view.getInt32(500, le),
  };
}

/** Reads a NIfTI-2 int64 field whole, so neither byte order nor a high bit in a low byte can garble it. */
function readInt64(view: DataView, offset: number, le: boolean, field: string, file: string): number {
  const value = view.getBigInt64(offset, le);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LabError('corrupt-file', `${field} = ${value} is out of range`, {
      file,
      hint: 'Export the image again, because its header is damaged.',
    });
  }
  return Number(value);
}

function checkDims(dim: readonly number[], file: string): void {
  const rank = dim[0];
  if (!(rank >= 1 && rank <= 7)) {
    throw new LabError('corrupt-file', `dim[0] = ${rank} is not a dimension count from 1 to 7`, {
      file,
      hint: 'Export the image again, because its header is damaged.',
    });
  }
  for (let i = 1; i <= rank; i++) {
    if (dim[i] < 1) {
      throw new LabError('corrupt-file', `dim[${i}] = ${dim[i]} must be at least 1`, {
        file,
        hint: 'Export the image again, because its header is damaged or describes an empty image.',
      });
    }
  }
}

/**
 * Returns the offset of the first voxel. A single-file NIfTI stores voxels at
 * vox_offset, which the standard requires to be at least the header size plus
 * the 4-byte extender. Some writers leave 0 there, and then the reader starts
 * at that minimum, as nibabel does.
 */
function dataOffset(voxOffset: number, headerSize: number, file: string): number {
  const minimum = headerSize + EXTENDER_SIZE;
  if (voxOffset >= minimum) return voxOffset;
  log.warn('vox_offset points inside the header, so voxels are read from the end of the header', {
    file,
    voxOffset,
    used: minimum,
  });
  return minimum;
}

/**
 * Lists the header extensions. The extender's first byte flags them, and each
 * one is `esize` (a multiple of 16, including its 8-byte prefix), `ecode`, then
 * data. Reading stops at the first extension that is malformed or does not
 * end by vox_offset, because voxels always start at vox_offset.
 */
function readExtensions(
  bytes: Uint8Array,
  view: DataView,
  le: boolean,
  headerSize: number,
  voxOffset: number,
): NiftiExtension[] {
  const extensions: NiftiExtension[] = [];
  if (bytes.length <= headerSize || bytes[headerSize] === 0) return extensions;
  const end = Math.min(voxOffset, bytes.length);
  let offset = headerSize + EXTENDER_SIZE;
  while (offset + 8 <= end) {
    const esize = view.getInt32(offset, le);
    if (esize < 16 || esize % 16 !== 0 || offset + esize > end) break;
    extensions.push({ offset, esize, ecode: view.getInt32(offset + 4, le) });
    offset += esize;
  }
  return extensions;
}
