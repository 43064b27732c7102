/**
 * SLiver07 (MICCAI 2007 liver segmentation challenge): CT volumes
 * `liver-origNNN.mhd` with liver masks `liver-segNNN.mhd`, both MetaImage
 * headers whose voxels sit in `.raw` or `.zraw` data files.
 */

import { namedLayoutRule } from './rule';

export const sliver07Rule = namedLayoutRule({
  layout: 'sliver07',
  patterns: [
    { role: 'image', pattern: /^liver-orig(\d+)\.(mhd|mha)$/i, key: (match) => match[1] },
    { role: 'mask', pattern: /^liver-seg(\d+)\.(mhd|mha)$/i, key: (match) => match[1] },
  ],
  subject: (match) => `case${match[1]}`,
  missingMask: (_image, key) => `no mask: expected liver-seg${key}.mhd`,
  missingImage: (_mask, key) => `mask without its image: expected liver-orig${key}.mhd`,
});
