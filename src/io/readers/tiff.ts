/**
 * TIFF reader, decoding with geotiff.js (TIFF 6.0,
 * https://www.itu.int/itudoc/itu-t/com16/tiff-fx/docs/tiff6.pdf).
 *
 * geotiff undoes the compression (LZW, Deflate, PackBits, JPEG and others) and
 * the horizontal predictor per sample, so 16-bit LZW images keep their values.
 * The first page is the volume, and further full-resolution pages (a mask saved
 * after the image, or the slices of a stack) go to `pages`. Pages flagged as
 * reduced-resolution copies (NewSubfileType bit 0: thumbnails, overviews) are
 * skipped.
 * NOTE: the Orientation tag is not applied, so rows are returned in stored order.
 */

import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';

import { LabError } from '../../core/errors';
import { rasterVolume, simplifyChannels } from '../raster';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume, VoxelArray } from '../volume';
import { copyBytes, voxelTypeOf } from '../voxels';

const PHOTOMETRIC_WHITE_IS_ZERO = 0;
/** Photometric interpretations geotiff converts to RGB: palette, CMYK, YCbCr, CIE L*a*b*. */
const PHOTOMETRIC_TO_RGB = new Set([3, 5, 6, 8]);

export const tiffReader: VolumeReader = {
  name: 'TIFF',
  extensions: ['.tif', '.tiff'],
  readsByExtension: false,
  matches: isTiff,
  read: readTiff,
};

/** Byte-order mark II or MM followed by 42 (TIFF) or 43 (BigTIFF) in that order. */
function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const little = bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[3] === 0 && (bytes[2] === 42 || bytes[2] === 43);
  const big = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && (bytes[3] === 42 || bytes[3] === 43);
  return little || big;
}

export async function readTiff({ file, bytes }: ReadRequest): Promise<Volume> {
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : copyBytes(bytes, 0, bytes.length).buffer;
  const volumes: Volume[] = [];
  try {
    const tiff = await fromArrayBuffer(buffer);
    const count = await tiff.getImageCount();
    for (let index = 0; index < count; index++) {
      const image = await tiff.getImage(index);
      if (index > 0 && isReducedResolution(image)) continue;
      await checkDataInside(image, bytes.length, index, file.path);
      volumes.push(await readPage(image, index, file.path));
    }
  } catch (error) {
    if (error instanceof LabError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    // geotiff reports a compression it has no decoder for (CCITT fax, JPEG 2000) as "Unknown compression method".
    if (/unknown compression method/i.test(reason)) {
      throw new LabError('unsupported-format', `the TIFF compression is not supported (${reason})`, {
        file: file.path,
        hint: 'Save the image again as uncompressed, LZW or Deflate TIFF, or as PNG.',
        cause: error,
      });
    }
    throw new LabError('corrupt-file', `TIFF decoding failed (${reason})`, {
      file: file.path,
      hint: 'Export the image again as uncompressed or LZW TIFF, because this file is damaged or uses an unsupported TIFF variant.',
      cause: error,
    });
  }

  const [first, ...pages] = volumes;
  return pages.length > 0 ? { ...first, pages } : first;
}

function isReducedResolution(image: GeoTIFFImage): boolean {
  const subfileType = image.fileDirectory.getValue('NewSubfileType');
  return typeof subfileType === 'number' && (subfileType & 1) === 1;
}

/** Reports a file cut short before geotiff reads past its end, which it reports as a bare RangeError. */
async function checkDataInside(image: GeoTIFFImage, size: number, page: number, file: string): Promise<void> {
  const tiled = image.fileDirectory.hasTag('TileOffsets');
  const offsets = await image.fileDirectory.loadValue(tiled ? 'TileOffsets' : 'StripOffsets');
  const counts = await image.fileDirectory.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts');
  if (!offsets || !counts) return;
  for (let i = 0; i < offsets.length; i++) {
    const end = Number(offsets[i]) + Number(counts[i] ?? 0);
    if (end > size) {
      throw new LabError(
        'truncated-file',
        `page ${page + 1}: ${tiled ? 'tile' : 'strip'} ${i} ends at byte ${end}, the file holds ${size} bytes`,
        { file, hint: 'Copy or download the file again, because this copy is incomplete.' },
      );
    }
  }
}

async function readPage(image: GeoTIFFImage, page: number, file: string): Promise<Volume> {
  fillBitsPerSampleDefault(image);
  const width = image.getWidth();
  const height = image.getHeight();
  const photometric = image.fileDirectory.getValue('PhotometricInterpretation');

  if (typeof photometric === 'number' && PHOTOMETRIC_TO_RGB.has(photometric)) {
    const rgb = await image.readRGB({ interleave: true });
    const pixels = { data: asVoxelArray(rgb, page, file), channels: rgb.length / (width * height) };
    return rasterVolume(file, 'tiff', width, height, simplifyChannels(pixels));
  }

  const raster = await image.readRasters({ interleave: true });
  const data = asVoxelArray(raster, page, file);
  if (photometric === PHOTOMETRIC_WHITE_IS_ZERO) invertWhiteIsZero(data, image.getBitsPerSample());
  const pixels = { data, channels: image.getSamplesPerPixel() };
  return rasterVolume(file, 'tiff', width, height, simplifyChannels(pixels));
}

/**
 * TIFF 6.0 makes BitsPerSample default to 1, and Pillow leaves the tag out of
 * bilevel images, but geotiff 3.0.5 throws when the tag is absent.
 */
function fillBitsPerSampleDefault(image: GeoTIFFImage): void {
  const BITS_PER_SAMPLE = 258;
  if (!image.fileDirectory.hasTag(BITS_PER_SAMPLE)) image.fileDirectory.actualizedFields.set(BITS_PER_SAMPLE, [1]);
}

function asVoxelArray(array: ArrayBufferView, page: number, file: string): VoxelArray {
  if (voxelTypeOf(array)) return array as VoxelArray;
  throw new LabError('unsupported-datatype', `page ${page + 1} contains ${array.constructor.name} samples, which are not supported`, {
    file,
    hint: 'Save the image with 8-, 16- or 32-bit integer or 32/64-bit float samples.',
  });
}

/** WhiteIsZero stores 0 as white; flipping unsigned samples makes higher values brighter, as everywhere else. */
function invertWhiteIsZero(data: VoxelArray, bits: number): void {
  if (!(data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Uint32Array)) return;
  const max = 2 ** bits - 1;
  for (let i = 0; i < data.length; i++) data[i] = max - data[i];
}
