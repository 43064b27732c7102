/**
 * Tensors read from PyTorch checkpoints: the storage types `torch.save`
 * names, decoding of their little-endian bytes, and the strided copy that
 * turns a view (storage, offset, shape, stride) into a contiguous array.
 */

import { LabError } from '../../../core/errors';

export type TorchDtype = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/**
 * Element values in row-major order. float16 and bfloat16 are widened to
 * Float32Array (exactly), int64 is a BigInt64Array and bool a Uint8Array of 0 and 1.
 */
export type TorchTensorData = Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;

export interface TorchTensor {
  shape: number[];
  dtype: TorchDtype;
  data: TorchTensorData;
}

/** The `torch.<Name>Storage` classes that persistent ids name, by element type. */
export const STORAGE_TYPES: Readonly<Record<string, TorchDtype>> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

export const ITEM_SIZES: Readonly<Record<TorchDtype, number>> = {
  float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1,
};

/** Decodes `numel` little-endian elements of `dtype` from the start of `bytes`. */
export function decodeStorage(bytes: Uint8Array, dtype: TorchDtype, numel: number): TorchTensorData {
  // Copy into a fresh buffer: zip entries need not start at an aligned offset.
  const buffer = bytes.slice(0, numel * ITEM_SIZES[dtype]).buffer;
  switch (dtype) {
    case 'float32': return new Float32Array(buffer);
    case 'float64': return new Float64Array(buffer);
    case 'int64': return new BigInt64Array(buffer);
    case 'int32': return new Int32Array(buffer);
    case 'int16': return new Int16Array(buffer);
    case 'int8': return new Int8Array(buffer);
    case 'uint8': return new Uint8Array(buffer);
    case 'bool': return new Uint8Array(buffer);
    case 'float16': return Float32Array.from(new Uint16Array(buffer), halfToFloat);
    case 'bfloat16': return bfloat16ToFloat32(new Uint16Array(buffer));
  }
}

/** IEEE 754 binary16 to a number, subnormals, infinities and NaN included. */
function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 is the upper half of a float32. */
function bfloat16ToFloat32(halves: Uint16Array): Float32Array {
  const words = new Uint32Array(halves.length);
  for (let i = 0; i < halves.length; i++) words[i] = halves[i] << 16;
  return new Float32Array(words.buffer);
}

export interface TensorView {
  storage: TorchTensorData;
  /** Storage name in messages, such as `data/3`. */
  storageName: string;
  offset: number;
  shape: number[];
  stride: number[];
}

/** Copies the elements a strided view selects into a new contiguous row-major array. */
export function contiguousCopy(view: TensorView, file: string): TorchTensorData {
  const { storage, offset, shape, stride } = view;
  checkViewBounds(view, file);
  const numel = shape.reduce((product, size) => product * size, 1);
  const out = new (storage.constructor as { new (length: number): TorchTensorData })(numel);
  if (numel === 0) return out;
  if (isContiguous(shape, stride)) {
    out.set(storage.subarray(offset, offset + numel) as never);
    return out;
  }

  // Walk the output in row-major order, stepping a multi-index like an odometer.
  const index = new Array<number>(shape.length).fill(0);
  let source = offset;
  for (let i = 0; i < numel; i++) {
    out[i] = storage[source];
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      source += stride[axis];
      if (index[axis] < shape[axis]) break;
      source -= stride[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

function isContiguous(shape: number[], stride: number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && stride[axis] !== expected) return false;
    expected *= shape[axis];
  }
  return true;
}

/** Rejects negative sizes or strides and views that reach outside their storage. */
function checkViewBounds({ storage, storageName, offset, shape, stride }: TensorView, file: string): void {
  const subject = `the tensor view (offset ${offset}, shape [${shape}], stride [${stride}]) of storage ${storageName}`;
  const valid = shape.length === stride.length && Number.isSafeInteger(offset) && offset >= 0 &&
    shape.every((size) => Number.isSafeInteger(size) && size >= 0) &&
    stride.every((step) => Number.isSafeInteger(step) && step >= 0);
  if (!valid) throw new LabError('corrupt-file', `${subject} has invalid sizes or strides`, { file });
  if (shape.some((size) => size === 0)) return;
  const last = shape.reduce((sum, size, axis) => sum + (size - 1) * stride[axis], offset);
  if (last >= storage.length) {
    throw new LabError('corrupt-file', `${subject} reaches element ${last}, but the storage has ${storage.length}`, {
      file,
      hint: 'The file is damaged; save the checkpoint again.',
    });
  }
}
