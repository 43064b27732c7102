import { strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { LabError } from '../../../core/errors';
import { readTorchCheckpoint } from './torch-checkpoint';

/** Values PyTorch wrote beside tensors.pt (scripts/reference/inception_reference.py); integers as decimal strings. */
interface ExpectedTensor {
  dtype: string;
  shape: number[];
  values: (number | string | boolean)[];
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

const expected: Record<string, ExpectedTensor> = JSON.parse(new TextDecoder().decode(fixture('tensors.json')));

/** Builds a zip with the layout torch.save writes: `pickle` as data.pkl beside the `storages` entries. */
function checkpointWith(pickle: Uint8Array, storages: Record<string, Uint8Array> = {}): Uint8Array {
  return zipSync({ ...storages, 'archive/data.pkl': pickle, 'archive/version': strToU8('3\n') }, { level: 0 });
}

/** Bytes from a mix of opcode strings (latin-1) and numbers. */
function pickleBytes(...parts: (string | number)[]): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') bytes.push(part);
    else for (const char of part) bytes.push(char.charCodeAt(0));
  }
  return new Uint8Array(bytes);
}

function readError(bytes: Uint8Array, file = 'weights.pt'): LabError {
  try {
    readTorchCheckpoint(bytes, file);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('readTorchCheckpoint accepted the file');
}

function valuesOf(data: ArrayLike<number | bigint>, dtype: string): (number | string | boolean)[] {
  const values = Array.from(data as ArrayLike<number | bigint>);
  if (dtype === 'bool') return values.map((v) => v === 1);
  if (dtype.startsWith('float') || dtype === 'bfloat16') return values.map(Number);
  return values.map(String);
}

describe('readTorchCheckpoint', () => {
  const tensors = readTorchCheckpoint(fixture('tensors.pt'), 'tensors.pt');

  test('reads every tensor of the dict', () => {
    expect([...tensors.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  test.each(Object.keys(expected))('rebuilds %s as PyTorch wrote it', (name) => {
    const tensor = tensors.get(name)!;
    expect(tensor.dtype).toBe(expected[name].dtype);
    expect(tensor.shape).toEqual(expected[name].shape);
    expect(valuesOf(tensor.data, tensor.dtype)).toEqual(expected[name].values);
  });

  test('copies strided views out of the shared storage', () => {
    // 'transposed' (strides 1, 6) and 'slice' (offset 7, strides 6, 2) view 'base'.
    expect(tensors.get('transposed')!.data.length).toBe(24);
    expect(tensors.get('slice')!.data.length).toBe(9);
    expect(tensors.get('slice')!.data).not.toBe(tensors.get('base')!.data);
  });

  test('reads a state_dict with nested OrderedDicts', () => {
    const weights = readTorchCheckpoint(fixture('fid-inception-d8.pt'), 'fid-inception-d8.pt');
    const weight = weights.get('Conv2d_1a_3x3.conv.weight')!;
    expect(weight.shape).toEqual([4, 3, 3, 3]);
    expect(weight.dtype).toBe('float32');
    expect(weights.get('Conv2d_1a_3x3.bn.num_batches_tracked')!.dtype).toBe('int64');
    expect(weights.has('_metadata')).toBe(false);
  });
});

describe('readTorchCheckpoint rejects', () => {
  test('a pickle that calls os.system', () => {
    // GLOBAL 'os system', ('echo',), REDUCE: what a malicious checkpoint does.
    const error = readError(checkpointWith(pickleBytes(0x80, 2, 'cos\nsystem\n', 0x8c, 4, 'echo', 0x85, 'R.')));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/^weights\.pt: .*os\.system/);
    expect(error.message).toMatch(/nothing was run/);
  });

  test('a pickle that calls builtins.eval', () => {
    const error = readError(checkpointWith(pickleBytes(0x80, 2, 'cbuiltins\neval\n', 0x8c, 1, '1', 0x85, 'R.')));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/builtins\.eval/);
  });

  test('a STACK_GLOBAL for posix.system', () => {
    const error = readError(checkpointWith(pickleBytes(0x80, 4, 0x8c, 5, 'posix', 0x8c, 6, 'system', 0x93, 0x29, 'R.')));
    expect(error.message).toMatch(/posix\.system/);
  });

  test('an allowed global hidden in a nested tensor', () => {
    // An OrderedDict whose value is subprocess.Popen(): the global is rejected before any call.
    const pickle = pickleBytes(0x80, 2, 'ccollections\nOrderedDict\n', 0x29, 'R', 0x8c, 1, 'a', 'csubprocess\nPopen\n', 0x29, 'Rs.');
    expect(readError(checkpointWith(pickle)).message).toMatch(/subprocess\.Popen/);
  });

  test('the INST opcode', () => {
    const error = readError(checkpointWith(pickleBytes(0x80, 2, '(ios\nsystem\n.')));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/opcode 0x69 \('i'\)/);
  });

  test('calling a storage type', () => {
    const error = readError(checkpointWith(pickleBytes(0x80, 2, 'ctorch\nFloatStorage\n', 0x29, 'R.')));
    expect(error.message).toMatch(/torch\.FloatStorage, which may only be used as a storage type/);
  });

  test('a truncated zip', () => {
    const bytes = fixture('tensors.pt');
    const error = readError(bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toMatch(/^weights\.pt: .*cut short/);
  });

  test('a truncated data.pkl', () => {
    const entries = unzipSync(fixture('tensors.pt'));
    const pickle = entries['tensors/data.pkl'];
    const storages = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name.replace(/^tensors\//, 'archive/'), bytes]));
    const error = readError(checkpointWith(pickle.subarray(0, pickle.length - 40), storages));
    expect(error.code).toBe('truncated-file');
    expect(error.message).toMatch(/the pickle ends at byte \d+/);
  });

  test('a missing storage entry', () => {
    const entries = unzipSync(fixture('tensors.pt'));
    const error = readError(checkpointWith(entries['tensors/data.pkl']));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/storage data\/\d+ named in data\.pkl is missing/);
  });

  test('a file that is not a checkpoint', () => {
    const error = readError(pickleBytes(0x89, 'PNG\r\n', 0x1a, '\n'), 'scan.png');
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/^scan\.png: not a PyTorch checkpoint: it starts with bytes 89 50 4e 47/);
  });

  test('a zip without data.pkl', () => {
    const error = readError(zipSync({ 'notes.txt': strToU8('hello') }));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/no <archive>\/data\.pkl/);
  });

  test('a TorchScript archive', () => {
    const error = readError(zipSync({ 'model/constants.pkl': new Uint8Array([0x80, 2, 0x2e]), 'model/code/model.py': strToU8('') }));
    expect(error.message).toMatch(/TorchScript/);
  });

  test('the legacy torch.save format', () => {
    const error = readError(fixture('legacy.pt'), 'legacy.pt');
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/legacy \(pre-1\.6\) torch\.save format/);
    expect(error.hint).toMatch(/torch\.save\(torch\.load\(path\), new_path\)/);
  });

  test('a dict that contains itself', () => {
    // d = {}; d['a'] = d, through the memo.
    const error = readError(checkpointWith(pickleBytes(0x80, 2, '}q', 0, 0x8c, 1, 'ah', 0, 's.')));
    expect(error.code).toBe('corrupt-file');
    expect(error.message).toMatch(/the dict at a contains itself/);
  });

  test('a top level that is not a dict', () => {
    const error = readError(checkpointWith(pickleBytes(0x80, 2, ']', '.')));
    expect(error.message).toMatch(/contains a list, not a dict of tensors/);
  });
});
