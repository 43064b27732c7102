/**
 * MetaImage header parsing (`.mhd`, and the text part of `.mha`).
 *
 * Format: https://itk.org/Wiki/ITK/MetaIO/Documentation. The header is a
 * list of `Key = Value` lines, and `ElementDataFile` is always the last one.
 * With `ElementDataFile = LOCAL` the binary data begin right after the
 * newline that ends that line.
 */

import { LabError } from '../../core/errors';
import type { VoxelType } from '../volume';

/** Keys MetaIO writes for images, used to recognise a header by its first line. */
export const metaImageKeys: ReadonlySet<string> = new Set(
  [
    'ObjectType', 'ObjectSubType', 'Comment', 'TransformType', 'NDims', 'Name', 'ID', 'ParentID',
    'CompressedData', 'CompressedDataSize', 'BinaryData', 'BinaryDataByteOrderMSB', 'ElementByteOrderMSB',
    'Color', 'Position', 'Offset', 'Origin', 'Orientation', 'Rotation', 'TransformMatrix',
    'CenterOfRotation', 'AnatomicalOrientation', 'ElementSpacing', 'ElementSize', 'DimSize', 'HeaderSize',
    'HeaderSizePerSlice', 'Modality', 'SequenceID', 'ElementMin', 'ElementMax', 'ElementNumberOfChannels',
    'ElementType', 'ElementDataFile', 'AcquisitionDate',
  ].map((key) => key.toLowerCase()),
);

/** MetaIO element types that map onto a voxel type. */
const elementTypes: Record<string, VoxelType> = {
  MET_UCHAR: 'uint8',
  MET_CHAR: 'int8',
  MET_USHORT: 'uint16',
  MET_SHORT: 'int16',
  MET_UINT: 'uint32',
  MET_INT: 'int32',
  MET_FLOAT: 'float32',
  MET_DOUBLE: 'float64',
};

export interface MetaImageHeader {
  /** DimSize: voxel counts, x fastest. */
  dimSize: number[];
  dtype: VoxelType;
  channels: number;
  /** ElementSpacing, or ElementSize where ElementSpacing is absent; one entry per dimension. */
  spacing: number[];
  bigEndian: boolean;
  compressed: boolean;
  /** CompressedDataSize in bytes, when the header records it. */
  compressedDataSize?: number;
  /** HeaderSize: bytes to skip at the start of a separate data file; -1 means the data end the file. */
  headerSize: number;
  /** ElementDataFile: `LOCAL` or the data file name, relative to the header's folder. */
  dataFile: string;
  /** Offset of the byte after the ElementDataFile line: where LOCAL data begin. */
  dataOffset: number;
}

/** Maximum number of bytes scanned for the ElementDataFile line, far more than the few hundred of usual headers. */
const MAX_HEADER_BYTES = 64 * 1024;

/**
 * True when the content starts like a MetaImage header: a `Key = Value` line
 * whose key MetaIO defines.
 */
export function looksLikeMetaImage(bytes: Uint8Array): boolean {
  const firstLine = nextLine(bytes, skipBlank(bytes, 0));
  if (!firstLine) return false;
  const entry = parseLine(firstLine.text);
  return entry !== undefined && metaImageKeys.has(entry.key.toLowerCase());
}

export function parseMetaImageHeader(bytes: Uint8Array, file: string): MetaImageHeader {
  const { fields, dataOffset } = readFields(bytes, file);
  const get = (key: string) => fields.get(key.toLowerCase());

  const dimSize = parseNumbers(get('DimSize'), 'DimSize', file, { integer: true, required: true });
  const nDims = get('NDims') === undefined ? dimSize.length : parseNumbers(get('NDims'), 'NDims', file, { integer: true })[0];
  if (nDims !== dimSize.length || nDims < 1 || nDims > 4 || dimSize.some((size) => size < 1)) {
    throw invalidField(file, `NDims = ${get('NDims') ?? '(absent)'} and DimSize = ${get('DimSize')} do not describe a 1D to 4D image`);
  }

  if (get('BinaryData') !== undefined && !parseBoolean(get('BinaryData'), 'BinaryData', file)) {
    throw new LabError('unsupported-format', 'BinaryData = False (voxels as text) is not supported', {
      file,
      hint: 'Save the image with binary data, for example as .mha from ITK or 3D Slicer.',
    });
  }

  const spacingText = get('ElementSpacing') ?? get('ElementSize');
  const spacingKey = get('ElementSpacing') !== undefined ? 'ElementSpacing' : 'ElementSize';
  const channels = get('ElementNumberOfChannels');
  const compressedDataSize = get('CompressedDataSize');
  return {
    dimSize,
    dtype: elementType(get('ElementType'), file),
    channels: channels === undefined ? 1 : parseNumbers(channels, 'ElementNumberOfChannels', file, { integer: true })[0],
    spacing: spacingText === undefined ? [] : parseNumbers(spacingText, spacingKey, file, {}),
    bigEndian:
      parseBoolean(get('ElementByteOrderMSB'), 'ElementByteOrderMSB', file) ||
      parseBoolean(get('BinaryDataByteOrderMSB'), 'BinaryDataByteOrderMSB', file),
    compressed: parseBoolean(get('CompressedData'), 'CompressedData', file),
    compressedDataSize:
      compressedDataSize === undefined
        ? undefined
        : parseNumbers(compressedDataSize, 'CompressedDataSize', file, { integer: true })[0],
    headerSize: get('HeaderSize') === undefined ? 0 : parseNumbers(get('HeaderSize'), 'HeaderSize', file, { integer: true })[0],
    dataFile: get('ElementDataFile') ?? '',
    dataOffset,
  };
}

/** Reads `Key = Value` lines up to and including ElementDataFile; keys are matched case-insensitively. */
function readFields(bytes: Uint8Array, file: string): { fields: Map<string, string>; dataOffset: number } {
  const fields = new Map<string, string>();
  let offset = 0;
  while (offset < bytes.length && offset < MAX_HEADER_BYTES) {
    const line = nextLine(bytes, offset);
    if (!line) break;
    offset = line.next;
    if (line.text.trim() === '') continue;
    const entry = parseLine(line.text);
    if (!entry) {
      throw new LabError('corrupt-file', `header line "${clip(line.text)}" is not "Key = Value"`, {
        file,
        hint: 'Fix the header line or export the image again.',
      });
    }
    fields.set(entry.key.toLowerCase(), entry.value);
    if (entry.key.toLowerCase() === 'elementdatafile') return { fields, dataOffset: line.next };
  }
  throw new LabError('corrupt-file', 'the MetaImage header has no ElementDataFile line', {
    file,
    hint: 'Add "ElementDataFile = NAME.raw" (or LOCAL) as the last header line, or export the image again.',
  });
}

function nextLine(bytes: Uint8Array, start: number): { text: string; next: number } | undefined {
  if (start >= bytes.length) return undefined;
  let end = bytes.indexOf(0x0a, start);
  const next = end < 0 ? bytes.length : end + 1;
  if (end < 0) end = bytes.length;
  if (end - start > 4096) return undefined;
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]);
  return { text: text.replace(/\r$/, ''), next };
}

function skipBlank(bytes: Uint8Array, start: number): number {
  let i = start;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0d || bytes[i] === 0x0a)) i++;
  return i;
}

function parseLine(text: string): { key: string; value: string } | undefined {
  const match = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(text);
  return match ? { key: match[1], value: match[2] } : undefined;
}

function elementType(value: string | undefined, file: string): VoxelType {
  if (value === undefined) throw invalidField(file, 'the header has no ElementType line');
  const dtype = elementTypes[value.toUpperCase()];
  if (dtype) return dtype;
  throw new LabError('unsupported-datatype', `ElementType = ${value} is not supported`, {
    file,
    hint: `Convert the image to one of ${Object.keys(elementTypes).join(', ')}.`,
  });
}

function parseBoolean(value: string | undefined, key: string, file: string): boolean {
  if (value === undefined) return false;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw invalidField(file, `${key} = ${value} is neither True nor False`);
}

function parseNumbers(
  value: string | undefined,
  key: string,
  file: string,
  { integer = false, required = false }: { integer?: boolean; required?: boolean },
): number[] {
  if (value === undefined) {
    if (required) throw invalidField(file, `the header has no ${key} line`);
    return [];
  }
  const numbers = value.split(/\s+/).filter((part) => part !== '').map(Number);
  if (numbers.length === 0 || numbers.some((n) => !Number.isFinite(n) || (integer && !Number.isInteger(n)))) {
    throw invalidField(file, `${key} = ${value} is not a list of ${integer ? 'integers' : 'numbers'}`);
  }
  return numbers;
}

function invalidField(file: string, problem: string): LabError {
  return new LabError('corrupt-file', problem, {
    file,
    hint: 'Fix the MetaImage header or export the image again.',
  });
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
