/**
 * Fundus photograph sets. Each image is its own subject (the file stem).
 *
 * - IDRiD: `IDRiD_NN.jpg` with masks `IDRiD_NN_<lesion>.tif` in a ground-truth
 *   folder tree. The optic disc mask (`_OD`) is paired, as in the GAN study;
 *   the lesion masks are other classes and are left out.
 * - CHASE_DB1: `Image_NNX.jpg` with vessel masks by two annotators,
 *   `_1stHO.png` (paired) and `_2ndHO.png`.
 * - DRIVE: `images/NN_training.tif` (or `NN_test.tif`) with vessel masks
 *   `1st_manual/NN_manual1.gif`; `mask/NN_training_mask.gif` is the
 *   field-of-view mask and `2nd_manual/NN_manual2.gif` a second observer's.
 */

import { namedLayoutRule } from './rule';

const RASTER = '(jpe?g|png|tiff?|gif|bmp)';

const IDRID_LESIONS: Record<string, string> = {
  MA: 'microaneurysms',
  HE: 'haemorrhages',
  EX: 'hard exudates',
  SE: 'soft exudates',
};

export const idridRule = namedLayoutRule({
  layout: 'idrid',
  patterns: [
    { role: 'image', pattern: new RegExp(`^(IDRiD_\\d+)\\.${RASTER}$`, 'i'), key: (match) => match[1] },
    { role: 'mask', pattern: new RegExp(`^(IDRiD_\\d+)_OD\\.${RASTER}$`, 'i'), key: (match) => match[1] },
    {
      role: 'extra',
      pattern: new RegExp(`^(IDRiD_\\d+)_(MA|HE|EX|SE)\\.${RASTER}$`, 'i'),
      key: (match) => match[1],
      reason: (match) =>
        `${IDRID_LESIONS[match[2].toUpperCase()]} mask of ${match[1]}: the optic disc mask (${match[1]}_OD) is the one paired`,
    },
  ],
  subject: (_match, image) => image.stem,
  missingMask: (_image, key) => `no optic disc mask: expected ${key}_OD.tif in the ground-truth folders`,
  missingImage: (_mask, key) => `mask without its image: expected ${key}.jpg`,
});

export const chaseDb1Rule = namedLayoutRule({
  layout: 'chase-db1',
  patterns: [
    { role: 'image', pattern: new RegExp(`^(Image_\\d+[LR])\\.${RASTER}$`, 'i'), key: (match) => match[1] },
    { role: 'mask', pattern: new RegExp(`^(Image_\\d+[LR])_1stHO\\.${RASTER}$`, 'i'), key: (match) => match[1] },
    {
      role: 'extra',
      pattern: new RegExp(`^(Image_\\d+[LR])_2ndHO\\.${RASTER}$`, 'i'),
      key: (match) => match[1],
      reason: (match) =>
        `second annotator's vessel mask: the first annotator's (${match[1]}_1stHO) is the one paired`,
    },
  ],
  subject: (_match, image) => image.stem,
  missingMask: (_image, key) => `no mask: expected ${key}_1stHO.png beside it`,
  missingImage: (_mask, key) => `mask without its image: expected ${key}.jpg beside it`,
});

export const driveRule = namedLayoutRule({
  layout: 'drive',
  patterns: [
    {
      role: 'image',
      pattern: new RegExp(`^(\\d+)_(training|test)\\.${RASTER}$`, 'i'),
      key: (match) => match[1],
    },
    { role: 'mask', pattern: new RegExp(`^(\\d+)_manual1\\.${RASTER}$`, 'i'), key: (match) => match[1] },
    {
      role: 'extra',
      pattern: new RegExp(`^(\\d+)_(training|test)_mask\\.${RASTER}$`, 'i'),
      key: (match) => match[1],
      reason: () => 'field-of-view mask (the circular area of the photograph), not a segmentation',
    },
    {
      role: 'extra',
      pattern: new RegExp(`^(\\d+)_manual2\\.${RASTER}$`, 'i'),
      key: (match) => match[1],
      reason: (match) =>
        `second observer's vessel mask: the first observer's (1st_manual/${match[1]}_manual1) is the one paired`,
    },
  ],
  subject: (_match, image) => image.stem,
  missingMask: (_image, key) => `no vessel mask: expected 1st_manual/${key}_manual1.gif`,
  missingImage: (_mask, key) => `mask without its image: expected images/${key}_training.tif or ${key}_test.tif`,
});
