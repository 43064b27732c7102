/**
 * NIfTI-1 and NIfTI-2 reader for `.nii` and `.nii.gz` (the registry inflates gzip).
 *
 * Standard: https://nifti.nimh.nih.gov/nifti-1 (nifti1.h) and
 * https://nifti.nimh.nih.gov/pub/dist/doc/nifti2.h. Voxels start at
 * vox_offset, x fastest, then y, z and time (dim[1..4]).
 */

import { LabError } from '../../core/errors';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume, VoxelArray, VoxelType } from '../volume';
import { bytesPerVoxel, voxelArrayFromBytes } from '../voxels';
import { hasNiftiSizeofHdr, parseNiftiHeader, type NiftiHeader } from './nifti-header';

/** NIfTI datatype codes (nifti1.h DT_*) that map onto a voxel type. */
const supportedDatatypes: Record<number, VoxelType> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
};

/** Names of the other datatype codes of nifti1.h, for messages. */
const otherDatatypeNames: Record<number, string> = {
  0: 'unknown',
  1: 'binary',
  32: 'complex64',
  128: 'rgb24',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'rgba32',
};

/** xyzt_units spatial codes and their size in millimetres; 0 (unknown) is taken as millimetres. */
const millimetresPerUnit: Record<number, number> = { 0: 1, 1: 1000, 2: 1, 3: 0.001 };

export const niftiReader: VolumeReader = {
  name: 'NIfTI-1/2',
  extensions: ['.nii.gz', '.nii'],
  readsByExtension: false,
  matches: hasNiftiSizeofHdr,
  read: async (request) => readNifti(request),
};

export function readNifti({ file, bytes, ownsBytes }: ReadRequest): Volume {
  const header = parseNiftiHeader(bytes, file.path);
  const dtype = voxelType(header, file.path);
  const { dims, frames } = shape(header, file.path);

  // Check the data length before touching the voxels: short data are an error, never zero-filled.
  const count = dims[0] * dims[1] * dims[2] * frames;
  const needed = count * bytesPerVoxel[dtype];
  const available = Math.max(0, bytes.length - header.voxOffset);
  if (available < needed) {
    throw new LabError(
      'truncated-file',
      `voxel data are short: dims ${dims.join('x')}x${frames} of ${dtype} need ${needed} bytes from vox_offset ${header.voxOffset}, the file holds ${available}`,
      { file: file.path, hint: 'Copy or download the file again, because this copy is incomplete.' },
    );
  }

  const stored = voxelArrayFromBytes(dtype, bytes, header.voxOffset, count, header.littleEndian, ownsBytes);
  const scaled = applyScaling(stored, header.sclSlope, header.sclInter);
  return {
    source: file.path,
    format: header.version === 1 ? 'nifti-1' : 'nifti-2',
    dims,
    frames,
    channels: 1,
    spacing: spacing(header),
    dtype: scaled === stored ? dtype : 'float32',
    data: scaled,
  };
}

function voxelType(header: NiftiHeader, file: string): VoxelType {
  const dtype = supportedDatatypes[header.datatype];
  if (dtype) return dtype;
  const name = otherDatatypeNames[header.datatype] ?? 'not defined by NIfTI';
  throw new LabError('unsupported-datatype', `datatype ${header.datatype} (${name}) is not supported`, {
    file,
    hint: 'Convert the image to uint8, int8, int16, uint16, int32, uint32, float32 or float64, for example with nibabel.',
  });
}

/** dim[i] beyond dim[0] are unused and count as 1; dim[5..7] (vector or tensor data) have no place in a Volume. */
function shape(header: NiftiHeader, file: string): { dims: [number, number, number]; frames: number } {
  const size = (i: number) => (i <= header.dim[0] ? header.dim[i] : 1);
  for (let i = 5; i <= 7; i++) {
    if (size(i) > 1) {
      throw new LabError('unsupported-format', `dim[${i}] = ${size(i)}: images with more than 4 dimensions are not supported`, {
        file,
        hint: 'Split the image into 3D or 4D files with one component each.',
      });
    }
  }
  return { dims: [size(1), size(2), size(3)], frames: size(4) };
}

/** pixdim[1..3] in millimetres; their sign is not a size, and 0 or a non-finite value means "not recorded". */
function spacing(header: NiftiHeader): [number, number, number] {
  const unit = millimetresPerUnit[header.xyztUnits & 0x07] ?? 1;
  const size = (i: number) => {
    const value = Math.abs(header.pixdim[i]);
    return Number.isFinite(value) && value > 0 ? value * unit : 1;
  };
  return [size(1), size(2), size(3)];
}

/**
 * Applies `value = scl_slope * stored + scl_inter`. The standard scales only
 * when the slope is non-zero, so a slope of 0 or a non-finite slope leaves the
 * stored values (and scl_inter is ignored). Slope 1 with intercept 0 changes
 * nothing either, so the stored type is kept, as nibabel does.
 */
function applyScaling(stored: VoxelArray, slope: number, intercept: number): VoxelArray {
  if (!Number.isFinite(slope) || slope === 0) return stored;
  const offset = Number.isFinite(intercept) ? intercept : 0;
  if (slope === 1 && offset === 0) return stored;
  const scaled = new Float32Array(stored.length);
  for (let i = 0; i < stored.length; i++) scaled[i] = slope * stored[i] + offset;
  return scaled;
}
