/**
 * Reads tensors from PyTorch checkpoints in the zip format that `torch.save`
 * writes since PyTorch 1.6:
 *
 *   <archive>/data.pkl     the pickled object (protocol 2), tensors as persistent ids
 *   <archive>/data/<key>   one raw little-endian storage per key
 *   <archive>/version      format version
 *   <archive>/byteorder    "little" or "big" (written by newer PyTorch)
 *
 * The pickle is read by a restricted reader that only rebuilds tensors,
 * OrderedDicts and plain values. It accepts the globals in ALLOWED_GLOBALS,
 * implemented in TypeScript, and rejects every other one, so a checkpoint
 * cannot run code here.
 * The legacy (pre-1.6) format and TorchScript archives are rejected.
 */

import { unzipSync } from 'fflate';
import { LabError } from '../../../core/errors';
import { describe, PickleDict, PickleGlobal, PickleObject, PickleTuple, unpickle, type PickleValue } from './pickle';
import { contiguousCopy, decodeStorage, ITEM_SIZES, STORAGE_TYPES, type TorchDtype, type TorchTensor, type TorchTensorData } from './torch-tensor';

export type { TorchDtype, TorchTensor, TorchTensorData } from './torch-tensor';

const RESAVE_HINT = 'Load it in PyTorch 1.6 or later and save it again with torch.save(torch.load(path), new_path).';

/**
 * Reads every tensor of a `torch.save` checkpoint into contiguous arrays.
 * Nested dicts are flattened with dots (`{'model': {'fc.weight': t}}` gives
 * `model.fc.weight`); values that are neither tensors nor dicts are skipped.
 */
export function readTorchCheckpoint(bytes: Uint8Array, file: string): Map<string, TorchTensor> {
  const entries = unzipCheckpoint(bytes, file);
  const prefix = archivePrefix(entries, file);
  checkByteOrder(entries, prefix, file);
  const storages = new StorageLoader(entries, prefix, file);
  const root = unpickle(entries[`${prefix}data.pkl`], torchHooks(storages, file), file);
  if (!(root instanceof PickleDict)) {
    throw new LabError('unsupported-format', `the checkpoint contains a ${describe(root)}, not a dict of tensors such as a state_dict`, {
      file,
      hint: 'Save the model with torch.save(model.state_dict(), path).',
    });
  }
  const tensors = new Map<string, TorchTensor>();
  collectTensors(root, '', tensors, new Set(), file);
  return tensors;
}

function unzipCheckpoint(bytes: Uint8Array, file: string): Record<string, Uint8Array> {
  sniffFormat(bytes, file);
  if (!hasEndOfCentralDirectory(bytes)) {
    throw new LabError('truncated-file', 'the zip archive has no end-of-central-directory record, so the file is cut short', {
      file,
      hint: 'Copy or download the checkpoint again.',
    });
  }
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new LabError('corrupt-file', `the zip archive cannot be read (${(error as Error).message})`, { file, cause: error, hint: 'Copy or download the checkpoint again.' });
  }
}

/** Checks the magic bytes: a zip local header, or else names the format it is. */
function sniffFormat(bytes: Uint8Array, file: string): void {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return;
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5) {
    throw new LabError('unsupported-format', 'the checkpoint uses the legacy (pre-1.6) torch.save format, which this reader does not support', { file, hint: RESAVE_HINT });
  }
  if (bytes.length >= 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar') {
    throw new LabError('unsupported-format', 'the checkpoint is a tar archive from the oldest torch.save format, which this reader does not support', { file, hint: RESAVE_HINT });
  }
  const head = Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
  throw new LabError('unsupported-format', `not a PyTorch checkpoint: it starts with bytes ${head || '(none)'}, not a zip archive`, {
    file,
    hint: 'Select a .pt or .pth file written by torch.save.',
  });
}

/** Looks for the end-of-central-directory signature, which every complete zip has in its last 22 to 65,557 bytes. */
function hasEndOfCentralDirectory(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 65_557);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}

/** Returns the folder (with its trailing slash) that contains data.pkl. */
function archivePrefix(entries: Record<string, Uint8Array>, file: string): string {
  const pickles = Object.keys(entries).filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickles.length === 1) return pickles[0].slice(0, -'data.pkl'.length);
  const names = Object.keys(entries);
  if (names.some((name) => /(^|\/)constants\.pkl$/.test(name) || /(^|\/)code\//.test(name))) {
    throw new LabError('unsupported-format', 'the file is a TorchScript archive (torch.jit.save), not a torch.save checkpoint', {
      file,
      hint: 'Save the weights with torch.save(model.state_dict(), path).',
    });
  }
  const problem = pickles.length === 0
    ? 'the zip archive has no <archive>/data.pkl, so it is not a torch.save checkpoint'
    : `the zip archive has ${pickles.length} data.pkl entries (${pickles.join(', ')}); expected one`;
  throw new LabError('unsupported-format', problem, { file, hint: 'Select a .pt or .pth file written by torch.save.' });
}

function checkByteOrder(entries: Record<string, Uint8Array>, prefix: string, file: string): void {
  const byteOrder = entries[`${prefix}byteorder`];
  if (!byteOrder) return;
  const order = new TextDecoder().decode(byteOrder).trim();
  if (order !== 'little') {
    throw new LabError('unsupported-format', `the checkpoint stores its tensors in "${order}" byte order; this reader supports "little"`, {
      file,
      hint: 'Save the checkpoint again on a little-endian machine.',
    });
  }
}

interface StorageRef {
  dtype: TorchDtype;
  key: string;
  data: TorchTensorData;
}

/** Decodes each `data/<key>` entry once, so views that share a storage share its array. */
class StorageLoader {
  private readonly cache = new Map<string, StorageRef>();

  constructor(
    private readonly entries: Record<string, Uint8Array>,
    private readonly prefix: string,
    private readonly file: string,
  ) {}

  load(dtype: TorchDtype, key: string, numel: number): StorageRef {
    const cached = this.cache.get(key);
    if (cached) {
      if (cached.dtype !== dtype) throw new LabError('corrupt-file', `storage data/${key} is named as both ${cached.dtype} and ${dtype}`, { file: this.file });
      return cached;
    }
    const bytes = this.entries[`${this.prefix}data/${key}`];
    if (!bytes) throw new LabError('corrupt-file', `storage data/${key} named in data.pkl is missing from the archive`, { file: this.file });
    const needed = numel * ITEM_SIZES[dtype];
    if (bytes.length < needed) {
      throw new LabError('truncated-file', `storage data/${key} has ${bytes.length} bytes, but ${numel} ${dtype} elements need ${needed}`, { file: this.file });
    }
    const ref = { dtype, key, data: decodeStorage(bytes, dtype, numel) };
    this.cache.set(key, ref);
    return ref;
  }
}

/** The allow-listed globals, by qualified name, and the persistent-id handler. */
function torchHooks(storages: StorageLoader, file: string) {
  const globals = allowedGlobals(file);
  return {
    findGlobal(module: string, name: string): PickleGlobal {
      const found = globals.get(`${module}.${name}`);
      if (found) return found;
      throw new LabError('corrupt-file', `the pickle requests the Python global ${module}.${name}, which is not on the allow-list of tensor-rebuilding globals; nothing was run`, {
        file,
        hint: 'Only load checkpoints from sources you trust. This reader accepts tensors, OrderedDicts and plain values.',
      });
    },
    persistentLoad(id: PickleValue): PickleValue {
      return new PickleObject('torch storage', loadStorage(id, storages, file));
    },
  };
}

/** Qualified names this reader accepts, as documented in the file header. */
export const ALLOWED_GLOBALS: readonly string[] = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch.Size',
  ...Object.keys(STORAGE_TYPES).map((name) => `torch.${name}`),
];

function allowedGlobals(file: string): Map<string, PickleGlobal> {
  const rebuildTensor = (args: readonly PickleValue[]) => rebuildTensorView(args, file);
  const globals = [
    new PickleGlobal('collections', 'OrderedDict', (args) => newOrderedDict(args, file)),
    new PickleGlobal('torch._utils', '_rebuild_tensor', rebuildTensor),
    new PickleGlobal('torch._utils', '_rebuild_tensor_v2', rebuildTensor),
    new PickleGlobal('torch._utils', '_rebuild_parameter', (args) => rebuildParameter(args, file)),
    new PickleGlobal('torch', 'Size', (args) => args[0] ?? new PickleTuple([])),
    ...Object.keys(STORAGE_TYPES).map((name) => new PickleGlobal('torch', name)),
  ];
  return new Map(globals.map((global) => [global.qualifiedName, global]));
}

function newOrderedDict(args: readonly PickleValue[], file: string): PickleDict {
  if (args.length !== 0) throw new LabError('corrupt-file', `collections.OrderedDict is called with ${args.length} arguments; torch.save passes none`, { file });
  return new PickleDict();
}

/** Loads the storage a persistent id names: ('storage', torch.<Type>Storage, key, location, numel). */
function loadStorage(id: PickleValue, storages: StorageLoader, file: string): StorageRef {
  const items = id instanceof PickleTuple ? id.items : [];
  const [kind, type, key, , numel] = items;
  const dtype = type instanceof PickleGlobal && type.module === 'torch' ? STORAGE_TYPES[type.name] : undefined;
  if (items.length !== 5 || kind !== 'storage' || typeof key !== 'string' || typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) {
    throw new LabError('corrupt-file', `a persistent id in data.pkl is not a storage reference ('storage', type, key, location, size)`, { file });
  }
  if (!dtype) throw new LabError('unsupported-datatype', `storage data/${key} has the unsupported type ${describe(type)}`, { file });
  return storages.load(dtype, key, numel);
}

interface TensorRef {
  tensor: TorchTensor;
}

/** torch._utils._rebuild_tensor(_v2)(storage, offset, size, stride, ...): the view, copied to a contiguous array. */
function rebuildTensorView(args: readonly PickleValue[], file: string): PickleObject<TensorRef> {
  const [storage, offset, size, stride] = args;
  if (!(storage instanceof PickleObject) || storage.typeName !== 'torch storage' || typeof offset !== 'number') {
    throw new LabError('corrupt-file', 'a tensor in data.pkl is rebuilt from something other than a storage and an offset', { file });
  }
  const ref = storage.value as StorageRef;
  const shape = integerList(size, file);
  const data = contiguousCopy({ storage: ref.data, storageName: `data/${ref.key}`, offset, shape, stride: integerList(stride, file) }, file);
  return new PickleObject('torch.Tensor', { tensor: { shape, dtype: ref.dtype, data } });
}

/** torch._utils._rebuild_parameter(data, requires_grad, backward_hooks): the tensor itself. */
function rebuildParameter(args: readonly PickleValue[], file: string): PickleValue {
  const data = args[0];
  if (!isTensor(data)) throw new LabError('corrupt-file', `a Parameter in data.pkl wraps a ${describe(data)}, not a tensor`, { file });
  return data;
}

function integerList(value: PickleValue | undefined, file: string): number[] {
  const items = value instanceof PickleTuple ? value.items : Array.isArray(value) ? value : undefined;
  if (!items || !items.every((item) => typeof item === 'number' && Number.isSafeInteger(item))) {
    throw new LabError('corrupt-file', `a tensor size or stride in data.pkl is a ${describe(value)}, not a tuple of integers`, { file });
  }
  return items as number[];
}

function isTensor(value: PickleValue | undefined): value is PickleObject<TensorRef> {
  return value instanceof PickleObject && value.typeName === 'torch.Tensor';
}

/** Adds the tensors of `dict` and of its nested dicts. `open` tracks the dicts being walked, which catches a dict that contains itself. */
function collectTensors(dict: PickleDict, prefix: string, out: Map<string, TorchTensor>, open: Set<PickleDict>, file: string): void {
  if (open.has(dict)) throw new LabError('corrupt-file', `the dict at ${prefix.slice(0, -1)} contains itself`, { file });
  open.add(dict);
  for (const [key, value] of dict.entries) {
    const name = `${prefix}${String(key)}`;
    if (isTensor(value)) {
      if (out.has(name)) throw new LabError('corrupt-file', `the tensor name ${name} occurs twice after flattening nested dicts`, { file });
      out.set(name, value.value.tensor);
    } else if (value instanceof PickleDict) {
      collectTensors(value, `${name}.`, out, open, file);
    }
  }
  open.delete(dict);
}
