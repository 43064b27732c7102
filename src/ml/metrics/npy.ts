/**
 * NumPy `.npy` arrays (format 1.0, 2.0 and 3.0, see numpy.lib.format):
 *
 *   "\x93NUMPY" | major | minor | header length (uint16 LE for 1.0, uint32 LE
 *   for 2.0 and 3.0) | header | data
 *
 * The header is a Python dict literal such as
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (2048, 2048), }`. Spaces
 * and a final newline pad it so that the data start on a multiple of 64
 * bytes. Format 3.0 allows UTF-8 in it. Only C-order arrays of plain numeric
 * types are read: Fortran order and structured types are rejected.
 */

import { LabError } from '../../core/errors';

export type NpyDtype = 'float32' | 'float64' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64';

export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  /** Dimensions in C order; [] for a scalar. */
  shape: number[];
  data: NpyData;
}

interface DtypeInfo {
  dtype: NpyDtype;
  size: number;
  create: (buffer: ArrayBuffer) => NpyData;
}

/** NumPy type codes (kind and size) of the supported types. */
const DTYPES: Record<string, DtypeInfo> = {
  f4: { dtype: 'float32', size: 4, create: (b) => new Float32Array(b) },
  f8: { dtype: 'float64', size: 8, create: (b) => new Float64Array(b) },
  i1: { dtype: 'int8', size: 1, create: (b) => new Int8Array(b) },
  u1: { dtype: 'uint8', size: 1, create: (b) => new Uint8Array(b) },
  i2: { dtype: 'int16', size: 2, create: (b) => new Int16Array(b) },
  u2: { dtype: 'uint16', size: 2, create: (b) => new Uint16Array(b) },
  i4: { dtype: 'int32', size: 4, create: (b) => new Int32Array(b) },
  u4: { dtype: 'uint32', size: 4, create: (b) => new Uint32Array(b) },
  i8: { dtype: 'int64', size: 8, create: (b) => new BigInt64Array(b) },
  u8: { dtype: 'uint64', size: 8, create: (b) => new BigUint64Array(b) },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Parses one `.npy` file; `name` (the file, or archive and member) appears in every error. */
export function parseNpy(bytes: Uint8Array, name: string): NpyArray {
  const { header, dataStart } = readPreamble(bytes, name);
  const { order, info, fortranOrder, shape } = parseHeader(header, name);
  if (fortranOrder) {
    throw new LabError('unsupported-format', 'the array is stored in Fortran (column-major) order', {
      file: name,
      hint: 'Save it in C order, e.g. np.save(path, np.ascontiguousarray(array)).',
    });
  }
  const length = shape.reduce((product, size) => product * size, 1);
  const byteLength = length * info.size;
  if (dataStart + byteLength > bytes.length) {
    throw new LabError('truncated-file', `the ${shape.join(' x ') || 'scalar'} ${info.dtype} array needs ${byteLength} bytes of data but ${bytes.length - dataStart} remain`, {
      file: name,
    });
  }
  // Copying gives an aligned buffer, which typed arrays need.
  const copy = bytes.slice(dataStart, dataStart + byteLength);
  const littleEndian = order !== '>';
  if (info.size > 1 && littleEndian !== HOST_IS_LITTLE_ENDIAN) swapBytes(copy, info.size);
  return { dtype: info.dtype, shape, data: info.create(copy.buffer) };
}

function readPreamble(bytes: Uint8Array, name: string): { header: string; dataStart: number } {
  if (bytes.length < 10 || MAGIC.some((value, i) => bytes[i] !== value)) {
    throw new LabError('unsupported-format', 'this is not a NumPy .npy array (the "\\x93NUMPY" signature is missing)', { file: name });
  }
  const major = bytes[6];
  if (major < 1 || major > 3) {
    throw new LabError('unsupported-format', `.npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0 and 3.0 are)`, { file: name });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new LabError('truncated-file', 'the .npy header is cut short', { file: name });
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lengthBytes;
  if (headerStart + headerLength > bytes.length) {
    throw new LabError('truncated-file', `the .npy header of ${headerLength} bytes is cut short`, { file: name });
  }
  const encoding = major === 3 ? 'utf-8' : 'latin1';
  const header = new TextDecoder(encoding).decode(bytes.subarray(headerStart, headerStart + headerLength));
  return { header, dataStart: headerStart + headerLength };
}

interface Header {
  order: string;
  info: DtypeInfo;
  fortranOrder: boolean;
  shape: number[];
}

/** Reads 'descr', 'fortran_order' and 'shape' from the header's dict literal. */
function parseHeader(header: string, name: string): Header {
  const descr = /['"]descr['"]\s*:\s*['"]([<>|=])?([a-zA-Z]\d+)['"]/.exec(header);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fortran || !shapeMatch) {
    const type = /['"]descr['"]\s*:\s*(\[[^\]]*\]|'[^']*')/.exec(header)?.[1];
    if (type && !descr) {
      throw new LabError('unsupported-datatype', `array type ${type} is not supported`, {
        file: name,
        hint: 'Use float32, float64 or an integer type.',
      });
    }
    throw new LabError('corrupt-file', `the .npy header ${JSON.stringify(header.trim())} lacks descr, fortran_order or shape`, { file: name });
  }
  const info = DTYPES[descr[2]];
  if (!info) {
    throw new LabError('unsupported-datatype', `array type '${descr[1] ?? ''}${descr[2]}' is not supported`, {
      file: name,
      hint: 'Use float32, float64 or an integer type.',
    });
  }
  const shape = shapeMatch[1]
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => Number(part.replace(/L$/, '')));
  if (shape.some((size) => !Number.isInteger(size) || size < 0)) {
    throw new LabError('corrupt-file', `the .npy shape (${shapeMatch[1]}) is not a list of sizes`, { file: name });
  }
  return { order: descr[1] === '>' ? '>' : '<', info, fortranOrder: fortran[1] === 'True', shape };
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let start = 0; start < bytes.length; start += size) {
    for (let i = 0, j = size - 1; i < j; i++, j--) {
      const value = bytes[start + i];
      bytes[start + i] = bytes[start + j];
      bytes[start + j] = value;
    }
  }
}

/** Serialises an array as a little-endian C-order `.npy` file, format 1.0 (2.0 when the header needs it). */
export function serializeNpy(array: NpyArray): Uint8Array {
  const info = Object.entries(DTYPES).find(([, entry]) => entry.dtype === array.dtype);
  const length = array.shape.reduce((product, size) => product * size, 1);
  if (!info || array.data.length !== length) {
    throw new LabError('shape-mismatch', `a ${array.dtype} array of shape (${array.shape.join(', ')}) needs ${length} values but has ${array.data.length}`);
  }
  const [code, { size }] = info;
  const descr = size === 1 ? `|${code}` : `<${code}`;
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;

  // Pad with spaces so that magic, version, length field and header end on a multiple of 64, then a newline.
  const pad = (prefixLength: number): string => dict + ' '.repeat((64 - ((prefixLength + dict.length + 1) % 64)) % 64) + '\n';
  const version = pad(10).length > 65535 ? 2 : 1;
  const prefix = version === 1 ? 10 : 12;
  const padded = pad(prefix);

  const out = new Uint8Array(prefix + padded.length + array.data.byteLength);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[prefix + i] = padded.charCodeAt(i);
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  out.set(data, prefix + padded.length);
  if (size > 1 && !HOST_IS_LITTLE_ENDIAN) swapBytes(out.subarray(prefix + padded.length), size);
  return out;
}
