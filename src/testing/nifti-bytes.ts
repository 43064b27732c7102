/**
 * Writes small NIfTI-1 and NIfTI-2 files for tests, field by field after
 * nifti1.h and nifti2.h, so that readers can be tested on files whose every
 * byte the test controls.
 */

export type NiftiTestDatatype = 'uint8' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'float32' | 'float64' | 'complex64';

/** nifti1.h DT_* code and bits per voxel of each datatype. */
export const niftiDatatypeCodes: Record<NiftiTestDatatype, { code: number; bitpix: number }> = {
  uint8: { code: 2, bitpix: 8 },
  int8: { code: 256, bitpix: 8 },
  int16: { code: 4, bitpix: 16 },
  uint16: { code: 512, bitpix: 16 },
  int32: { code: 8, bitpix: 32 },
  uint32: { code: 768, bitpix: 32 },
  float32: { code: 16, bitpix: 32 },
  float64: { code: 64, bitpix: 64 },
  complex64: { code: 32, bitpix: 64 },
};

export interface NiftiTestImage {
  version?: 1 | 2;
  littleEndian?: boolean;
  /** dim[1..] as given; dim[0] is their count. */
  dims: number[];
  datatype: NiftiTestDatatype;
  /** One value per voxel (two per voxel for complex64), x fastest. */
  values: ArrayLike<number>;
  /** pixdim[1..] as given. */
  pixdim?: number[];
  sclSlope?: number;
  sclInter?: number;
  xyztUnits?: number;
  /** Sizes (esize, multiples of 16) of ecode-6 extensions written after the header. */
  extensionSizes?: number[];
  /** Sets the extension flag even when no extension is written. */
  extensionFlag?: boolean;
  /** vox_offset; defaults to the end of the header and extensions. */
  voxOffset?: number;
  /** Keeps only this many bytes of the finished file, to simulate a cut file. */
  truncateTo?: number;
}

export function encodeNifti(image: NiftiTestImage): Uint8Array<ArrayBuffer> {
  const version = image.version ?? 1;
  const le = image.littleEndian ?? true;
  const headerSize = version === 1 ? 348 : 540;
  const extensionSizes = image.extensionSizes ?? [];
  const extensionsEnd = headerSize + 4 + extensionSizes.reduce((sum, size) => sum + size, 0);
  const voxOffset = image.voxOffset ?? extensionsEnd;
  const { code, bitpix } = niftiDatatypeCodes[image.datatype];
  const valueBytes = image.datatype === 'complex64' ? 4 : bitpix / 8;

  const bytes = new Uint8Array(voxOffset + image.values.length * valueBytes);
  const view = new DataView(bytes.buffer);
  const dim = [image.dims.length, ...image.dims];
  const pixdim = [1, ...(image.pixdim ?? image.dims.map(() => 1))];

  if (version === 1) {
    view.setInt32(0, 348, le);
    dim.forEach((value, i) => view.setInt16(40 + 2 * i, value, le));
    view.setInt16(70, code, le);
    view.setInt16(72, bitpix, le);
    pixdim.forEach((value, i) => view.setFloat32(76 + 4 * i, value, le));
    view.setFloat32(108, voxOffset, le);
    view.setFloat32(112, image.sclSlope ?? 0, le);
    view.setFloat32(116, image.sclInter ?? 0, le);
    view.setUint8(123, image.xyztUnits ?? 2);
    bytes.set([0x6e, 0x2b, 0x31, 0], 344);
  } else {
    view.setInt32(0, 540, le);
    bytes.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4);
    view.setInt16(12, code, le);
    view.setInt16(14, bitpix, le);
    dim.forEach((value, i) => view.setBigInt64(16 + 8 * i, BigInt(value), le));
    pixdim.forEach((value, i) => view.setFloat64(104 + 8 * i, value, le));
    view.setBigInt64(168, BigInt(voxOffset), le);
    view.setFloat64(176, image.sclSlope ?? 0, le);
    view.setFloat64(184, image.sclInter ?? 0, le);
    view.setInt32(500, image.xyztUnits ?? 2, le);
  }

  if (extensionSizes.length > 0 || image.extensionFlag) bytes[headerSize] = 1;
  let offset = headerSize + 4;
  for (const esize of extensionSizes) {
    view.setInt32(offset, esize, le);
    view.setInt32(offset + 4, 6, le);
    offset += esize;
  }

  for (let i = 0; i < image.values.length; i++) writeValue(view, voxOffset + i * valueBytes, image.datatype, image.values[i], le);
  return image.truncateTo === undefined ? bytes : bytes.slice(0, image.truncateTo);
}

function writeValue(view: DataView, at: number, datatype: NiftiTestDatatype, value: number, le: boolean): void {
  switch (datatype) {
    case 'uint8':
      return view.setUint8(at, value);
    case 'int8':
      return view.setInt8(at, value);
    case 'int16':
      return view.setInt16(at, value, le);
    case 'uint16':
      return view.setUint16(at, value, le);
    case 'int32':
      return view.setInt32(at, value, le);
    case 'uint32':
      return view.setUint32(at, value, le);
    case 'float32':
    case 'complex64':
      return view.setFloat32(at, value, le);
    case 'float64':
      return view.setFloat64(at, value, le);
  }
}
