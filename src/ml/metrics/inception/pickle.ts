/**
 * A restricted reader for Python pickles (protocols 2 to 5), enough for the
 * `data.pkl` that `torch.save` writes. It interprets opcodes as data only:
 * every GLOBAL goes through the caller's `findGlobal`, which returns a
 * TypeScript stand-in for an allow-listed name and throws for anything else,
 * so no Python callable is ever looked up or run. Opcodes that build
 * arbitrary objects (INST, OBJ, NEWOBJ_EX, EXT*) and the text-protocol
 * opcodes are rejected.
 *
 * Opcode reference: CPython's Lib/pickletools.py.
 */

import { LabError } from '../../../core/errors';

/** A Python tuple; JavaScript arrays stand for lists. */
export class PickleTuple {
  constructor(readonly items: readonly PickleValue[]) {}
}

export type PickleKey = string | number | bigint | boolean | null;

/** A dict or OrderedDict. `attributes` receives the state a BUILD opcode sets. */
export class PickleDict {
  readonly entries = new Map<PickleKey, PickleValue>();
  attributes: PickleValue = null;
}

/** An allow-listed Python global; `call` is its TypeScript stand-in, absent for types that are never called. */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
    readonly call?: (args: readonly PickleValue[]) => PickleValue,
  ) {}

  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/** A value built by a stand-in, such as a tensor; opaque to the pickle reader. */
export class PickleObject<T = unknown> {
  constructor(
    readonly typeName: string,
    readonly value: T,
  ) {}
}

export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | PickleDict
  | PickleGlobal
  | PickleObject;

export interface UnpickleHooks {
  /** Returns the stand-in for `module.name`; throws a LabError for names outside the allow-list. */
  findGlobal(module: string, name: string): PickleGlobal;
  /** Resolves the argument of BINPERSID (torch: a storage reference). */
  persistentLoad(id: PickleValue): PickleValue;
}

const MARK = Symbol('mark');
type StackItem = PickleValue | typeof MARK;

/** Reads one pickle from `bytes`; `file` names the archive entry in error messages. */
export function unpickle(bytes: Uint8Array, hooks: UnpickleHooks, file: string): PickleValue {
  return new Unpickler(bytes, hooks, file).run();
}

class Unpickler {
  private position = 0;
  private readonly stack: StackItem[] = [];
  private readonly memo = new Map<number, PickleValue>();
  private readonly view: DataView;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly bytes: Uint8Array,
    private readonly hooks: UnpickleHooks,
    private readonly file: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  run(): PickleValue {
    for (;;) {
      const offset = this.position;
      const opcode = this.readUint8();
      if (opcode === 0x2e) return this.finish(offset); // STOP
      this.step(opcode, offset);
    }
  }

  private finish(offset: number): PickleValue {
    if (this.stack.length !== 1) throw this.corrupt(`STOP at byte ${offset} leaves ${this.stack.length} values on the stack, not 1`);
    return this.popValue(offset);
  }

  private step(opcode: number, offset: number): void {
    if (this.stepStructure(opcode, offset)) return;
    if (this.stepScalar(opcode)) return;
    if (this.stepMemo(opcode, offset)) return;
    if (this.stepObject(opcode, offset)) return;
    const printable = opcode >= 0x20 && opcode < 0x7f ? ` ('${String.fromCharCode(opcode)}')` : '';
    throw this.corrupt(`pickle opcode 0x${opcode.toString(16).padStart(2, '0')}${printable} at byte ${offset} is not supported by this restricted reader`);
  }

  /** Framing, marks, containers and stack manipulation. */
  private stepStructure(opcode: number, offset: number): boolean {
    switch (opcode) {
      case 0x80: { // PROTO
        const protocol = this.readUint8();
        if (protocol < 2 || protocol > 5) throw this.corrupt(`pickle protocol ${protocol} is not supported (expected 2 to 5)`);
        return true;
      }
      case 0x95: // FRAME: the length only helps buffered readers.
        this.skip(8);
        return true;
      case 0x28: this.stack.push(MARK); return true; // MARK
      case 0x30: this.popValue(offset); return true; // POP
      case 0x31: this.popMark(offset); return true; // POP_MARK
      case 0x32: this.push(this.peek(offset)); return true; // DUP
      case 0x7d: this.push(new PickleDict()); return true; // EMPTY_DICT
      case 0x5d: this.push([]); return true; // EMPTY_LIST
      case 0x29: this.push(new PickleTuple([])); return true; // EMPTY_TUPLE
      case 0x74: this.push(new PickleTuple(this.popMark(offset))); return true; // TUPLE
      case 0x85: this.push(new PickleTuple(this.popValues(1, offset))); return true; // TUPLE1
      case 0x86: this.push(new PickleTuple(this.popValues(2, offset))); return true; // TUPLE2
      case 0x87: this.push(new PickleTuple(this.popValues(3, offset))); return true; // TUPLE3
      case 0x6c: this.push(this.popMark(offset)); return true; // LIST
      case 0x64: this.push(this.dictFrom(this.popMark(offset), offset)); return true; // DICT
      case 0x61: this.appendTo(this.popValues(1, offset), offset); return true; // APPEND
      case 0x65: this.appendTo(this.popMark(offset), offset); return true; // APPENDS
      case 0x73: this.setItems(this.popValues(2, offset), offset); return true; // SETITEM
      case 0x75: this.setItems(this.popMark(offset), offset); return true; // SETITEMS
      default: return false;
    }
  }

  /** Constants: numbers, strings, bytes, booleans and None. */
  private stepScalar(opcode: number): boolean {
    switch (opcode) {
      case 0x4e: this.push(null); return true; // NONE
      case 0x88: this.push(true); return true; // NEWTRUE
      case 0x89: this.push(false); return true; // NEWFALSE
      case 0x4b: this.push(this.readUint8()); return true; // BININT1
      case 0x4d: this.push(this.readUint16()); return true; // BININT2
      case 0x4a: this.push(this.readInt32()); return true; // BININT
      case 0x8a: this.push(this.readLong(this.readUint8())); return true; // LONG1
      case 0x8b: this.push(this.readLong(this.readLength(4))); return true; // LONG4
      case 0x47: this.push(this.readFloat64BigEndian()); return true; // BINFLOAT
      case 0x8c: this.push(this.readText(this.readUint8())); return true; // SHORT_BINUNICODE
      case 0x58: this.push(this.readText(this.readLength(4))); return true; // BINUNICODE
      case 0x8d: this.push(this.readText(this.readLength(8))); return true; // BINUNICODE8
      case 0x55: this.push(this.readLatin1(this.readUint8())); return true; // SHORT_BINSTRING
      case 0x54: this.push(this.readLatin1(this.readLength(4))); return true; // BINSTRING
      case 0x43: this.push(this.readBytes(this.readUint8()).slice()); return true; // SHORT_BINBYTES
      case 0x42: this.push(this.readBytes(this.readLength(4)).slice()); return true; // BINBYTES
      case 0x8e: this.push(this.readBytes(this.readLength(8)).slice()); return true; // BINBYTES8
      default: return false;
    }
  }

  private stepMemo(opcode: number, offset: number): boolean {
    switch (opcode) {
      case 0x71: this.memo.set(this.readUint8(), this.peek(offset)); return true; // BINPUT
      case 0x72: this.memo.set(this.readLength(4), this.peek(offset)); return true; // LONG_BINPUT
      case 0x94: this.memo.set(this.memo.size, this.peek(offset)); return true; // MEMOIZE
      case 0x68: this.push(this.memoGet(this.readUint8(), offset)); return true; // BINGET
      case 0x6a: this.push(this.memoGet(this.readLength(4), offset)); return true; // LONG_BINGET
      default: return false;
    }
  }

  /** Globals, calls to their stand-ins, BUILD and persistent ids. */
  private stepObject(opcode: number, offset: number): boolean {
    switch (opcode) {
      case 0x63: { // GLOBAL: "module\nname\n"
        const module = this.readLine();
        const name = this.readLine();
        this.push(this.hooks.findGlobal(module, name));
        return true;
      }
      case 0x93: { // STACK_GLOBAL
        const [module, name] = this.popValues(2, offset);
        if (typeof module !== 'string' || typeof name !== 'string') throw this.corrupt(`STACK_GLOBAL at byte ${offset} expects two strings`);
        this.push(this.hooks.findGlobal(module, name));
        return true;
      }
      case 0x52: // REDUCE: callable(*args)
      case 0x81: { // NEWOBJ: cls.__new__(cls, *args); the allow-listed classes build the same either way.
        const [callable, args] = this.popValues(2, offset);
        this.push(this.callGlobal(callable, args, offset));
        return true;
      }
      case 0x62: { // BUILD
        const [target, state] = this.popValues(2, offset);
        this.build(target, state, offset);
        this.push(target);
        return true;
      }
      case 0x51: // BINPERSID
        this.push(this.hooks.persistentLoad(this.popValue(offset)));
        return true;
      default:
        return false;
    }
  }

  private callGlobal(callable: PickleValue, args: PickleValue, offset: number): PickleValue {
    if (!(callable instanceof PickleGlobal)) throw this.corrupt(`REDUCE at byte ${offset} calls a value that is not a global`);
    if (!(args instanceof PickleTuple)) throw this.corrupt(`REDUCE at byte ${offset} passes arguments that are not a tuple`);
    if (!callable.call) {
      throw new LabError('corrupt-file', `the pickle calls ${callable.qualifiedName}, which may only be used as a storage type`, { file: this.file });
    }
    return callable.call(args.items);
  }

  /** BUILD sets instance state; only dicts (an OrderedDict's `_metadata`) accept it. */
  private build(target: PickleValue, state: PickleValue, offset: number): void {
    if (!(target instanceof PickleDict)) throw this.corrupt(`BUILD at byte ${offset} sets state on a ${describe(target)}, which this reader does not allow`);
    target.attributes = state;
  }

  private dictFrom(items: PickleValue[], offset: number): PickleDict {
    const dict = new PickleDict();
    this.fill(dict, items, offset);
    return dict;
  }

  private setItems(items: PickleValue[], offset: number): void {
    const target = this.peek(offset);
    if (!(target instanceof PickleDict)) throw this.corrupt(`SETITEM at byte ${offset} targets a ${describe(target)}, not a dict`);
    this.fill(target, items, offset);
  }

  private fill(dict: PickleDict, items: PickleValue[], offset: number): void {
    if (items.length % 2 !== 0) throw this.corrupt(`SETITEMS at byte ${offset} has an odd number of values`);
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i];
      if (!isKey(key)) throw this.corrupt(`dict key at byte ${offset} is a ${describe(key)}; this reader accepts strings, numbers, booleans and None`);
      dict.entries.set(key, items[i + 1]);
    }
  }

  private appendTo(items: PickleValue[], offset: number): void {
    const target = this.peek(offset);
    if (!Array.isArray(target)) throw this.corrupt(`APPEND at byte ${offset} targets a ${describe(target)}, not a list`);
    target.push(...items);
  }

  private memoGet(index: number, offset: number): PickleValue {
    if (!this.memo.has(index)) throw this.corrupt(`memo entry ${index} read at byte ${offset} was never stored`);
    return this.memo.get(index) as PickleValue;
  }

  // Stack helpers. MARK is a sentinel on the single stack, where CPython keeps a separate metastack.

  private push(value: PickleValue): void {
    this.stack.push(value);
  }

  private peek(offset: number): PickleValue {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined || top === MARK) throw this.corrupt(`opcode at byte ${offset} needs a value on the stack`);
    return top;
  }

  private popValue(offset: number): PickleValue {
    const value = this.peek(offset);
    this.stack.pop();
    return value;
  }

  private popValues(count: number, offset: number): PickleValue[] {
    const values: PickleValue[] = [];
    for (let i = 0; i < count; i++) values.unshift(this.popValue(offset));
    return values;
  }

  private popMark(offset: number): PickleValue[] {
    const mark = this.stack.lastIndexOf(MARK);
    if (mark < 0) throw this.corrupt(`opcode at byte ${offset} needs a MARK, but there is none`);
    const values = this.stack.splice(mark).slice(1);
    return values as PickleValue[];
  }

  // Byte readers. Every read checks the remaining length first.

  private take(length: number): number {
    if (length > this.bytes.length - this.position) {
      throw new LabError('truncated-file', `the pickle ends at byte ${this.bytes.length} inside an opcode that needs ${length} more bytes at byte ${this.position}`, {
        file: this.file,
        hint: 'The checkpoint is incomplete; copy or download it again.',
      });
    }
    const start = this.position;
    this.position += length;
    return start;
  }

  private skip(length: number): void {
    this.take(length);
  }

  private readUint8(): number {
    return this.view.getUint8(this.take(1));
  }

  private readUint16(): number {
    return this.view.getUint16(this.take(2), true);
  }

  private readInt32(): number {
    return this.view.getInt32(this.take(4), true);
  }

  /** Reads an unsigned length of 4 or 8 bytes and checks it against the pickle size. */
  private readLength(size: 4 | 8): number {
    const start = this.take(size);
    const length = size === 4 ? this.view.getUint32(start, true) : Number(this.view.getBigUint64(start, true));
    if (length > this.bytes.length) throw this.corrupt(`length ${length} at byte ${start} exceeds the pickle size ${this.bytes.length}`);
    return length;
  }

  private readFloat64BigEndian(): number {
    return this.view.getFloat64(this.take(8), false);
  }

  /** Reads a little-endian two's-complement integer of `length` bytes, as a number when it is safe and a bigint otherwise. */
  private readLong(length: number): number | bigint {
    const bytes = this.readBytes(length);
    let value = 0n;
    for (let i = length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
    if (length > 0 && bytes[length - 1] >= 0x80) value -= 1n << BigInt(8 * length);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }

  private readBytes(length: number): Uint8Array {
    const start = this.take(length);
    return this.bytes.subarray(start, start + length);
  }

  private readText(length: number): string {
    return this.decoder.decode(this.readBytes(length));
  }

  private readLatin1(length: number): string {
    let text = '';
    for (const byte of this.readBytes(length)) text += String.fromCharCode(byte);
    return text;
  }

  private readLine(): string {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) throw this.corrupt(`GLOBAL at byte ${this.position} has no terminating newline`);
    const line = this.readLatin1(end - this.position);
    this.position = end + 1;
    return line;
  }

  private corrupt(problem: string): LabError {
    return new LabError('corrupt-file', problem, { file: this.file, hint: 'The file is damaged or was not written by torch.save.' });
  }
}

function isKey(value: PickleValue): value is PickleKey {
  return value === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof value);
}

/** Short type name of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Uint8Array) return 'bytes';
  if (value instanceof PickleTuple) return 'tuple';
  if (value instanceof PickleDict) return 'dict';
  if (value instanceof PickleGlobal) return `global ${value.qualifiedName}`;
  if (value instanceof PickleObject) return value.typeName;
  if (value === MARK) return 'MARK';
  return typeof value;
}
