/**
 * JPEG reader, decoding with jpeg-js (ITU T.81, https://www.w3.org/Graphics/JPEG/itu-t81.pdf).
 *
 * jpeg-js returns RGB for every JPEG, grayscale ones included, and those come
 * back to one channel through `simplifyChannels`. Only 8-bit baseline and
 * progressive JPEGs decode.
 * NOTE: the EXIF orientation tag is not applied, so rows are returned in stored order.
 */

import { decode as decodeJpeg } from 'jpeg-js';

import { LabError } from '../../core/errors';
import { rasterVolume, simplifyChannels } from '../raster';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume } from '../volume';

export const jpegReader: VolumeReader = {
  name: 'JPEG',
  extensions: ['.jpg', '.jpeg'],
  readsByExtension: false,
  // SOI marker followed by the first byte of the next marker.
  matches: (bytes) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  read: async (request) => readJpeg(request),
};

export function readJpeg({ file, bytes }: ReadRequest): Volume {
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!endsWithEoi(bytes)) {
      throw new LabError('truncated-file', `JPEG decoding failed and the file has no end-of-image marker (${reason})`, {
        file: file.path,
        hint: 'Copy or download the file again, because this copy is incomplete.',
        cause: error,
      });
    }
    throw new LabError('corrupt-file', `JPEG decoding failed (${reason})`, {
      file: file.path,
      hint: 'Export the image as PNG, because the file is damaged or uses an unsupported JPEG variant (12-bit, lossless).',
      cause: error,
    });
  }
  const pixels = simplifyChannels({ data: image.data, channels: 3 });
  return rasterVolume(file.path, 'jpeg', image.width, image.height, pixels);
}

/** True when the EOI marker (FF D9) ends the file, allowing trailing zero padding. */
function endsWithEoi(bytes: Uint8Array): boolean {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end >= 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}
