/**
 * BMP reader for uncompressed Windows bitmaps: 1-, 4- and 8-bit palette
 * images, 16- and 32-bit with default or BI_BITFIELDS masks, and 24-bit BGR,
 * stored bottom-up (positive height) or top-down (negative height).
 * Format: https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage
 *
 * Written here because no maintained BMP package fits: bmp-js, the most used
 * one on npm, depends on Node's Buffer, always returns four channels, and
 * reports decoding errors only through console.log.
 * RLE and embedded JPEG/PNG bitmaps are rejected. Channels are 8-bit, so mask
 * fields of other widths are rescaled to 0-255.
 */

import { LabError } from '../../core/errors';
import { rasterVolume, simplifyChannels } from '../raster';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume } from '../volume';

const FILE_HEADER_SIZE = 14;
const CORE_HEADER_SIZE = 12;
const INFO_HEADER_SIZE = 40;
/** DIB header sizes in use: core, OS/2 short form, INFO, V2, V3, OS/2 v2, V4, V5. */
const DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const unsupportedCompressions: Record<number, string> = { 1: 'BI_RLE8', 2: 'BI_RLE4', 4: 'BI_JPEG', 5: 'BI_PNG' };

export const bmpReader: VolumeReader = {
  name: 'BMP',
  extensions: ['.bmp'],
  readsByExtension: false,
  // "BM" alone is too weak a signature, so the DIB header size must also be a known one.
  matches: (bytes) =>
    bytes.length >= 18 && bytes[0] === 0x42 && bytes[1] === 0x4d && DIB_HEADER_SIZES.has(readUint32(bytes, 14)),
  read: async (request) => readBmp(request),
};

interface BmpHeader {
  width: number;
  height: number;
  topDown: boolean;
  bitCount: number;
  compression: number;
  dataOffset: number;
  palette: Uint8Array[];
  /** Red, green, blue and alpha masks for 16- and 32-bit pixels, with alpha 0 when the image has none. */
  masks: [number, number, number, number];
}

export function readBmp({ file, bytes }: ReadRequest): Volume {
  const header = parseHeader(bytes, file.path);
  const stride = Math.floor((header.bitCount * header.width + 31) / 32) * 4;
  const end = header.dataOffset + stride * header.height;
  if (end > bytes.length) {
    throw new LabError('truncated-file', `pixel data end at byte ${end}, but the file has only ${bytes.length} bytes`, {
      file: file.path,
      hint: 'Copy or download the file again, because this copy is incomplete.',
    });
  }
  const pixels = header.bitCount <= 8 ? decodeIndexed(bytes, header, stride, file.path) : decodeDirect(bytes, header, stride);
  return rasterVolume(file.path, 'bmp', header.width, header.height, simplifyChannels(pixels));
}

function parseHeader(bytes: Uint8Array, file: string): BmpHeader {
  const dibSize = readUint32(bytes, 14);
  if (bytes.length < FILE_HEADER_SIZE + dibSize) {
    throw new LabError('truncated-file', `the file ends inside its ${dibSize}-byte bitmap header`, {
      file,
      hint: 'Copy or download the file again, because this copy is incomplete.',
    });
  }
  const core = dibSize === CORE_HEADER_SIZE;
  const width = core ? readUint16(bytes, 18) : readInt32(bytes, 18);
  const rawHeight = core ? readUint16(bytes, 20) : readInt32(bytes, 22);
  const bitCount = readUint16(bytes, core ? 24 : 28);
  const compression = core || dibSize < 20 ? BI_RGB : readUint32(bytes, 30);

  if (width <= 0 || rawHeight === 0) throw corrupt(file, `width ${width} and height ${rawHeight} do not describe an image`);
  if (![1, 4, 8, 16, 24, 32].includes(bitCount)) throw corrupt(file, `${bitCount} bits per pixel is not a BMP pixel size`);
  const unsupported = unsupportedCompressions[compression];
  if (unsupported) {
    throw new LabError('unsupported-format', `compression ${compression} (${unsupported}) is not supported, because only uncompressed bitmaps are read`, {
      file,
      hint: 'Save the image as an uncompressed BMP or as PNG.',
    });
  }
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw corrupt(file, `compression ${compression} is not a BMP compression method`);
  }

  const masks = readMasks(bytes, dibSize, bitCount, compression);
  // With a 40-byte header, BI_BITFIELDS masks sit between the header and the palette.
  let paletteStart = FILE_HEADER_SIZE + dibSize;
  if (dibSize === INFO_HEADER_SIZE && compression === BI_BITFIELDS) paletteStart += 12;
  if (dibSize === INFO_HEADER_SIZE && compression === BI_ALPHABITFIELDS) paletteStart += 16;

  return {
    width,
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitCount,
    compression,
    dataOffset: readUint32(bytes, 10),
    palette: bitCount <= 8 ? readPalette(bytes, paletteStart, dibSize, bitCount) : [],
    masks,
  };
}

function readMasks(bytes: Uint8Array, dibSize: number, bitCount: number, compression: number): BmpHeader['masks'] {
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    const at = FILE_HEADER_SIZE + INFO_HEADER_SIZE;
    const hasAlpha = compression === BI_ALPHABITFIELDS || dibSize >= 56;
    return [readUint32(bytes, at), readUint32(bytes, at + 4), readUint32(bytes, at + 8), hasAlpha ? readUint32(bytes, at + 12) : 0];
  }
  // Defaults: X1R5G5B5 for 16 bits, BGRX bytes for 24 and 32 bits (the fourth byte of BI_RGB is unused).
  if (bitCount === 16) return [0x7c00, 0x03e0, 0x001f, 0];
  return [0xff0000, 0x00ff00, 0x0000ff, 0];
}

function readPalette(bytes: Uint8Array, start: number, dibSize: number, bitCount: number): Uint8Array[] {
  const entrySize = dibSize === CORE_HEADER_SIZE ? 3 : 4;
  const used = dibSize >= INFO_HEADER_SIZE ? readUint32(bytes, 46) : 0;
  const count = used > 0 && used <= 1 << bitCount ? used : 1 << bitCount;
  const palette: Uint8Array[] = [];
  for (let i = 0; i < count && start + (i + 1) * entrySize <= bytes.length; i++) {
    const at = start + i * entrySize;
    // Entries are stored blue, green, red.
    palette.push(Uint8Array.of(bytes[at + 2], bytes[at + 1], bytes[at]));
  }
  return palette;
}

function decodeIndexed(bytes: Uint8Array, header: BmpHeader, stride: number, file: string): { data: Uint8Array; channels: number } {
  const { width, height, bitCount, palette } = header;
  const out = new Uint8Array(width * height * 3);
  const mask = (1 << bitCount) - 1;
  for (let y = 0; y < height; y++) {
    const row = header.dataOffset + stride * (header.topDown ? y : height - 1 - y);
    for (let x = 0; x < width; x++) {
      const bit = x * bitCount;
      const index = (bytes[row + (bit >> 3)] >> (8 - bitCount - (bit & 7))) & mask;
      const colour = palette[index];
      if (!colour) throw corrupt(file, `pixel (${x}, ${y}) uses palette index ${index}, the palette has ${palette.length} entries`);
      out.set(colour, (y * width + x) * 3);
    }
  }
  return { data: out, channels: 3 };
}

function decodeDirect(bytes: Uint8Array, header: BmpHeader, stride: number): { data: Uint8Array; channels: number } {
  const { width, height, bitCount, masks } = header;
  const fields = masks.map(maskField);
  const channels = masks[3] !== 0 ? 4 : 3;
  const bytesPerPixel = bitCount / 8;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const row = header.dataOffset + stride * (header.topDown ? y : height - 1 - y);
    for (let x = 0; x < width; x++) {
      const at = row + x * bytesPerPixel;
      const value =
        bitCount === 16
          ? bytes[at] | (bytes[at + 1] << 8)
          : bitCount === 24
            ? bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)
            : readUint32(bytes, at);
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) out[o + c] = fields[c](value);
    }
  }
  return { data: out, channels };
}

/** Returns a function that extracts a mask's field from a pixel and rescales it to 0-255. */
function maskField(mask: number): (pixel: number) => number {
  if (mask === 0) return () => 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  if (max === 0xff) return (pixel) => ((pixel & mask) >>> shift) & 0xff;
  return (pixel) => Math.round((((pixel & mask) >>> shift) * 255) / max);
}

function corrupt(file: string, problem: string): LabError {
  return new LabError('corrupt-file', problem, { file, hint: 'Export the file again, because it is damaged or not a Windows bitmap.' });
}

function readUint16(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8);
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

function readInt32(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}
