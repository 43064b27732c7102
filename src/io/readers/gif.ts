/**
 * GIF reader, decoding with omggif (GIF89a, https://www.w3.org/Graphics/GIF/spec-gif89a.txt).
 *
 * Only the first frame is read. Palette colours become RGB, or RGBA when the
 * frame has a transparent index, and then go through `simplifyChannels`, so a
 * gray palette (as in DRIVE vessel masks) yields one channel of gray values.
 */

import { GifReader } from 'omggif';

import { LabError } from '../../core/errors';
import { rasterVolume, simplifyChannels } from '../raster';
import type { ReadRequest, VolumeReader } from '../reader';
import type { Volume } from '../volume';

/** The byte that ends every complete GIF stream. */
const GIF_TRAILER = 0x3b;

export const gifReader: VolumeReader = {
  name: 'GIF',
  extensions: ['.gif'],
  readsByExtension: false,
  matches: (bytes) => /^GIF8[79]a$/.test(String.fromCharCode(...bytes.subarray(0, 6))),
  read: async (request) => readGif(request),
};

export function readGif({ file, bytes }: ReadRequest): Volume {
  let rgba: Uint8Array;
  let width: number;
  let height: number;
  let transparent: boolean;
  try {
    const reader = new GifReader(bytes);
    const frame = reader.frameInfo(0);
    if (frame.palette_offset === null) {
      throw new LabError('corrupt-file', 'the first frame has neither a local nor a global colour table', {
        file: file.path,
        hint: 'Export the file again, because this copy is damaged.',
      });
    }
    width = reader.width;
    height = reader.height;
    transparent = frame.transparent_index !== null;
    // Pixels outside the frame rectangle and transparent pixels stay 0 (transparent black).
    rgba = new Uint8Array(width * height * 4);
    reader.decodeAndBlitFrameRGBA(0, rgba);
  } catch (error) {
    if (error instanceof LabError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    // omggif reports a cut file as an invalid block or a missing frame, so a missing trailer marks truncation.
    if (bytes[bytes.length - 1] !== GIF_TRAILER) {
      throw new LabError('truncated-file', `GIF decoding failed and the file lacks the trailer byte 0x3B (${reason})`, {
        file: file.path,
        hint: 'Copy or download the file again, because this copy is incomplete.',
        cause: error,
      });
    }
    throw new LabError('corrupt-file', `GIF decoding failed (${reason})`, {
      file: file.path,
      hint: 'Export the file again, because this copy is damaged or incomplete.',
      cause: error,
    });
  }

  const pixels = transparent ? { data: rgba, channels: 4 } : { data: dropAlpha(rgba), channels: 3 };
  return rasterVolume(file.path, 'gif', width, height, simplifyChannels(pixels));
}

function dropAlpha(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0, o = 0; p < rgba.length; p += 4) {
    rgb[o++] = rgba[p];
    rgb[o++] = rgba[p + 1];
    rgb[o++] = rgba[p + 2];
  }
  return rgb;
}
