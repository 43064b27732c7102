/**
 * PNG reader, decoding with fast-png (https://www.w3.org/TR/png-3/).
 *
 * Values keep their stored depth: 16-bit samples stay uint16 (a canvas or
 * ImageBitmap would squash them to 8 bits), and 1-, 2- and 4-bit gray samples
 * are unpacked to uint8 without rescaling (a 1-bit mask reads 0/1). Palette
 * images become RGB, or RGBA when tRNS gives the palette alpha values, and
 * then go through `simplifyChannels`, so a gray palette yields one channel.
 */

import { decode as decodePng, type DecodedPng } from 'fast-png';

import { LabError } from '../../core/errors';
import { crc32 } from '../crc32';
import { rasterVolume, simplifyChannels } from '../raster';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume, VoxelArray } from '../volume';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const COLOR_TYPE_INDEXED = 3;

export const pngReader: VolumeReader = {
  name: 'PNG',
  extensions: ['.png'],
  readsByExtension: false,
  matches: (bytes) => SIGNATURE.every((value, i) => bytes[i] === value),
  read: async (request) => readPng(request),
};

interface ImageHeader {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

export function readPng({ file, bytes }: ReadRequest): Volume {
  const header = checkChunks(bytes, file.path);
  // fast-png 8.0.0 sizes Adam7 pass rows in whole bytes per pixel, so an interlaced
  // 1-bit image fails with "Unsupported filter" or, by chance, decodes to wrong values.
  if (header.interlaced && header.depth < 8) {
    throw new LabError('unsupported-format', `interlaced PNG with ${header.depth}-bit samples is not supported`, {
      file: file.path,
      hint: 'Save the image again without interlacing.',
    });
  }

  let png: DecodedPng;
  try {
    png = decodePng(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LabError('corrupt-file', `PNG decoding failed (${reason})`, {
      file: file.path,
      hint: 'Export the file again, because this copy is damaged.',
      cause: error,
    });
  }

  const pixels = header.colorType === COLOR_TYPE_INDEXED ? expandPalette(png, file.path) : samples(png);
  return rasterVolume(file.path, 'png', png.width, png.height, simplifyChannels(pixels));
}

/**
 * Walks the chunk list (length, type, data, CRC-32 over type and data) up to
 * IEND, so that a file cut short is reported as truncated and a damaged chunk
 * as corrupt before decoding starts. Returns the IHDR fields.
 */
function checkChunks(bytes: Uint8Array, file: string): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = SIGNATURE.length;
  let header: ImageHeader | undefined;
  for (;;) {
    if (offset + 12 > bytes.length) throw truncated(file, offset, bytes.length, 'the next chunk header');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const end = offset + 12 + length;
    if (end > bytes.length) throw truncated(file, offset, bytes.length, `chunk ${type} of ${length} bytes`);

    const stored = view.getUint32(end - 4);
    const actual = crc32(bytes.subarray(offset + 4, end - 4));
    if (stored !== actual) {
      throw new LabError('corrupt-file', `CRC-32 mismatch in chunk ${type} at byte ${offset}`, {
        file,
        hint: 'Export the file again, because this copy is damaged.',
      });
    }
    if (!header && type !== 'IHDR') {
      throw new LabError('corrupt-file', `the first chunk is ${type}, not IHDR`, { file, hint: 'Export the file again, because this copy is damaged.' });
    }
    if (type === 'IHDR') {
      header = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        depth: bytes[offset + 16],
        colorType: bytes[offset + 17],
        interlaced: bytes[offset + 20] === 1,
      };
    }
    if (type === 'IEND') return header as ImageHeader;
    offset = end;
  }
}

function truncated(file: string, offset: number, size: number, what: string): LabError {
  return new LabError('truncated-file', `the file ends at byte ${size}, inside ${what} starting at byte ${offset}`, {
    file,
    hint: 'Copy or download the file again, because this copy is incomplete.',
  });
}

function samples(png: DecodedPng): { data: VoxelArray; channels: number } {
  if (png.depth < 8) return { data: unpackSamples(png), channels: 1 };
  const data = png.data instanceof Uint8ClampedArray ? new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) : png.data;
  return { data, channels: png.channels };
}

/** Unpacks 1-, 2- or 4-bit samples, stored big-end first and each row padded to a whole byte. */
function unpackSamples(png: DecodedPng): Uint8Array {
  const { width, height, depth } = png;
  const packed = png.data;
  const rowBytes = Math.ceil((width * depth) / 8);
  const mask = (1 << depth) - 1;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * width + x] = (packed[row + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
    }
  }
  return out;
}

function expandPalette(png: DecodedPng, file: string): { data: Uint8Array; channels: number } {
  const palette = png.palette ?? [];
  const indices = png.depth < 8 ? unpackSamples(png) : (png.data as Uint8Array);
  const channels = palette.some((entry) => entry.length === 4) ? 4 : 3;
  const out = new Uint8Array(indices.length * channels);
  for (let p = 0; p < indices.length; p++) {
    const entry = palette[indices[p]];
    if (!entry) {
      throw new LabError('corrupt-file', `pixel ${p} uses palette index ${indices[p]}, but the palette has ${palette.length} entries`, {
        file,
        hint: 'Export the file again, because this copy is damaged.',
      });
    }
    for (let c = 0; c < channels; c++) out[p * channels + c] = entry[c] ?? 255;
  }
  return { data: out, channels };
}
