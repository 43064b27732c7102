/**
 * The png-pairs layout of a synthetic dataset:
 *
 *   README.txt
 *   labels.json                    {"background": 0, "<class 1>": 1, ...}
 *   images/synthetic_00001.png     8-bit grayscale or RGB, [-1, 1] mapped to 0..255
 *   masks/synthetic_00001.png      8-bit grayscale, pixel value = class id
 */

import { encode } from 'fast-png';
import { strToU8 } from 'fflate';

import { labelIds, type DatasetLayout, type SampleView } from './dataset-layout';
import type { DatasetSettings } from './synthetic-options';
import type { ZipStream } from './zip-stream';

export function pngPairsLayout(settings: DatasetSettings): DatasetLayout {
  const { side, imageChannels } = settings;
  return {
    addSample(zip: ZipStream, number: number, sample: SampleView): void {
      const name = `synthetic_${String(number).padStart(5, '0')}.png`;
      const pixels = encode({ width: side, height: side, data: imageBytes(sample.image), channels: imageChannels, depth: 8 });
      const mask = encode({ width: side, height: side, data: sample.classIds, channels: 1, depth: 8 });
      zip.addStored(`images/${name}`, pixels);
      zip.addStored(`masks/${name}`, mask);
    },
    addMetadata(zip: ZipStream, count: number): void {
      zip.addDeflated('labels.json', strToU8(`${JSON.stringify(labelIds(settings.classNames), null, 2)}\n`));
      zip.addDeflated('README.txt', strToU8(readme(settings, count)));
    },
  };
}

/** Maps [-1, 1] to 0..255 as the lab's slice view does: round((v + 1) * 127.5), values outside clipped. */
function imageBytes(image: Float32Array): Uint8Array {
  const bytes = new Uint8Array(image.length);
  for (let i = 0; i < image.length; i++) bytes[i] = Math.round((Math.max(-1, Math.min(1, image[i])) + 1) * 127.5);
  return bytes;
}

function readme(settings: DatasetSettings, count: number): string {
  const { side, imageChannels, classNames, spacing } = settings;
  const kind = imageChannels === 3 ? 'RGB' : 'grayscale';
  const lines = [
    'Synthetic image and mask pairs exported by GAN Lab.',
    ...(settings.description ? [settings.description] : []),
    '',
    `${count} samples of ${side} x ${side} pixels, pixel size ${spacing[0]} x ${spacing[1]} mm, slice thickness ${spacing[2]} mm.`,
    '',
    `images/synthetic_NNNNN.png  8-bit ${kind} images. The generator's output in [-1, 1] is mapped to`,
    '                            0..255 by round((v + 1) * 127.5).',
    'masks/synthetic_NNNNN.png   8-bit label maps of the same name: each pixel value is a class id.',
    'labels.json                 Class name to class id; 0 is background.',
    '',
    'Classes:',
    ...['background', ...classNames].map((name, id) => `  ${id}  ${name}`),
    '',
  ];
  return lines.join('\n');
}
