/**
 * NIfTI-1 writer: one `n+1` file (header, 4-byte extender, voxels from byte
 * 352), little-endian, optionally gzip-compressed for `.nii.gz`.
 *
 * Standard: https://nifti.nimh.nih.gov/pub/dist/src/niftilib/nifti1.h. The
 * field offsets below are those of `struct nifti_1_header` there.
 *
 * Orientation: qform and sform both hold the identity rotation scaled by the
 * spacing (code 1, scanner anatomical), so a voxel (i, j, k) lies at
 * (i * dx, j * dy, k * dz) mm in RAS+. The slices of this lab keep the x and y
 * of the volume they came from, so a slice written back lies as it did there,
 * only without the source's rotation and origin.
 */

import { gzipSync } from 'fflate';

import { LabError } from '../../core/errors';

export type NiftiWriteDatatype = 'uint8' | 'int16' | 'float32';

export interface NiftiImage {
  /** Voxels with x fastest, then y, then z. */
  data: ArrayLike<number>;
  /** Voxel counts along x, y and z, each 1 to 32767. */
  dims: [number, number, number];
  /** Voxel size in millimetres along x, y and z. */
  spacing: [number, number, number];
  datatype: NiftiWriteDatatype;
  /** Free text for the `descrip` field: at most 79 printable ASCII characters. */
  description?: string;
}

export interface NiftiWriteOptions {
  /** Compress the file with gzip, for a `.nii.gz` name. */
  gzip: boolean;
}

/** Code (nifti1.h DT_*), bits per voxel and range of each datatype. */
const DATATYPES: Record<NiftiWriteDatatype, { code: number; bitpix: number; min: number; max: number }> = {
  uint8: { code: 2, bitpix: 8, min: 0, max: 255 },
  int16: { code: 4, bitpix: 16, min: -32768, max: 32767 },
  float32: { code: 16, bitpix: 32, min: -Infinity, max: Infinity },
};

const HEADER_SIZE = 348;
/** The header plus the 4-byte extender, whose zero first byte marks that no extensions follow. */
const VOX_OFFSET = 352;
const NIFTI_XFORM_SCANNER_ANAT = 1;
const NIFTI_UNITS_MM = 2;
const MAX_DESCRIPTION = 79;

const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Encodes an image as a NIfTI-1 file. Throws LabError 'invalid-argument' for bad dims, spacing, description or values. */
export function writeNifti(image: NiftiImage, options: NiftiWriteOptions): Uint8Array {
  checkImage(image);
  const count = image.dims[0] * image.dims[1] * image.dims[2];
  const bytesPerVoxel = DATATYPES[image.datatype].bitpix / 8;
  const buffer = new ArrayBuffer(VOX_OFFSET + count * bytesPerVoxel);

  writeHeader(new DataView(buffer), image);
  writeVoxels(buffer, image, count);

  const file = new Uint8Array(buffer);
  return options.gzip ? gzipSync(file, { level: 6 }) : file;
}

function writeHeader(view: DataView, image: NiftiImage): void {
  const { code, bitpix } = DATATYPES[image.datatype];
  const [dx, dy, dz] = image.spacing;
  const int16 = (offset: number, value: number) => view.setInt16(offset, value, true);
  const float32 = (offset: number, value: number) => view.setFloat32(offset, value, true);

  view.setInt32(0, HEADER_SIZE, true); // sizeof_hdr

  // dim[0] is the number of dimensions; dim[4..7] are unused and 1.
  [3, ...image.dims, 1, 1, 1, 1].forEach((value, i) => int16(40 + 2 * i, value));
  int16(70, code); // datatype
  int16(72, bitpix);

  // pixdim[0] is qfac, +1 for a right-handed grid; pixdim[4..7] are unused.
  [1, dx, dy, dz, 1, 1, 1, 1].forEach((value, i) => float32(76 + 4 * i, value));
  float32(108, VOX_OFFSET);

  // Slope 1 and intercept 0 leave stored values unchanged under any reading. nifti1.h also lets slope 0
  // mean "no scaling", but a reader that skips that check would multiply every voxel by 0.
  float32(112, 1); // scl_slope
  float32(116, 0); // scl_inter
  view.setUint8(123, NIFTI_UNITS_MM); // xyzt_units: millimetres, time unit not given

  writeAscii(view, 148, image.description ?? '');
  int16(252, NIFTI_XFORM_SCANNER_ANAT); // qform_code
  int16(254, NIFTI_XFORM_SCANNER_ANAT); // sform_code
  // quatern_b/c/d and qoffset_x/y/z (256-279) stay 0: no rotation, origin at voxel 0.

  // srow_x, srow_y, srow_z: the affine's rows, diagonal = spacing, translation 0.
  [dx, 0, 0, 0, 0, dy, 0, 0, 0, 0, dz, 0].forEach((value, i) => float32(280 + 4 * i, value));
  writeAscii(view, 344, 'n+1'); // magic, NUL-terminated by the zeroed buffer
}

function writeAscii(view: DataView, offset: number, text: string): void {
  for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
}

function writeVoxels(buffer: ArrayBuffer, image: NiftiImage, count: number): void {
  const { data, datatype } = image;
  if (hostIsLittleEndian) {
    const target =
      datatype === 'uint8'
        ? new Uint8Array(buffer, VOX_OFFSET, count)
        : datatype === 'int16'
          ? new Int16Array(buffer, VOX_OFFSET, count)
          : new Float32Array(buffer, VOX_OFFSET, count);
    target.set(data);
    return;
  }
  const view = new DataView(buffer, VOX_OFFSET);
  for (let i = 0; i < count; i++) {
    if (datatype === 'uint8') view.setUint8(i, data[i]);
    else if (datatype === 'int16') view.setInt16(2 * i, data[i], true);
    else view.setFloat32(4 * i, data[i], true);
  }
}

function checkImage(image: NiftiImage): void {
  const { dims, spacing, data, description } = image;
  if (!(image.datatype in DATATYPES)) {
    invalid('datatype', `datatype "${image.datatype}" cannot be written`, 'Use uint8, int16 or float32.');
  }
  if (dims.length !== 3 || !dims.every((n) => Number.isInteger(n) && n >= 1 && n <= 32767)) {
    invalid('dims', `dims [${dims.join(', ')}] are not three whole numbers from 1 to 32767`, 'Give the voxel counts along x, y and z.');
  }
  if (spacing.length !== 3 || !spacing.every((s) => Number.isFinite(s) && s > 0)) {
    invalid('spacing', `spacing [${spacing.join(', ')}] is not three positive sizes in millimetres`, 'Give the voxel size along x, y and z, for example [1, 1, 1].');
  }
  const count = dims[0] * dims[1] * dims[2];
  if (data.length !== count) {
    invalid('data', `data hold ${data.length} values but dims ${dims.join('x')} need ${count}`, 'Pass one value per voxel, x fastest.');
  }
  if (description !== undefined && !(description.length <= MAX_DESCRIPTION && /^[\x20-\x7e]*$/.test(description))) {
    invalid('description', `description "${description}" is not at most ${MAX_DESCRIPTION} printable ASCII characters`, 'Shorten it or drop other characters.');
  }
  checkValues(image);
}

/** Integer types must get whole numbers in range: a typed-array copy would wrap or truncate the others silently. */
function checkValues({ data, datatype }: NiftiImage): void {
  if (datatype === 'float32' || (datatype === 'uint8' && data instanceof Uint8Array) || (datatype === 'int16' && data instanceof Int16Array)) {
    return;
  }
  const { min, max } = DATATYPES[datatype];
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (!Number.isInteger(value) || value < min || value > max) {
      invalid('data', `value ${value} at index ${i} is not a ${datatype} (whole number from ${min} to ${max})`, 'Round and clip the values, or write float32.');
    }
  }
}

function invalid(field: string, problem: string, hint: string): never {
  throw new LabError('invalid-argument', problem, { field, hint });
}
