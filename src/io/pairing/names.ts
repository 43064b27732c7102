/**
 * Words that mark a file or folder as a segmentation in the generic rules,
 * and the subject derived from a generic file stem.
 */

/** Suffixes of a mask named after its image (`X_mask`, `X_seg2`), in order of preference. */
const MASK_WORDS = [
  'mask',
  'masks',
  'seg',
  'segmentation',
  'label',
  'labels',
  'gt',
  'groundtruth',
  'annotation',
  'manual',
  'roi',
];

/**
 * Structure names that masks carry as a suffix (`ct001_liver`). They rank
 * after the generic words, so `X_seg` wins over `X_liver` when both exist.
 */
const STRUCTURE_WORDS = [
  'liver',
  'tumor',
  'tumour',
  'lesion',
  'kidney',
  'spleen',
  'pancreas',
  'lung',
  'lungs',
  'heart',
  'brain',
  'prostate',
  'vessels',
  'disc',
  'cup',
  'polyp',
  'nodule',
];

const SUFFIX_WORDS = [...MASK_WORDS, ...STRUCTURE_WORDS];
const SUFFIX_PATTERN = new RegExp(`^(.+?)[_-](${SUFFIX_WORDS.join('|')})(\\d*)$`, 'i');

export interface MaskSuffix {
  /** Stem of the image the mask is named after. */
  base: string;
  /** The suffix as written, with its digits (`seg`, `manual1`). */
  suffix: string;
  /** Lower ranks are preferred when an image has several masks. */
  rank: number;
}

export function splitMaskSuffix(stem: string): MaskSuffix | undefined {
  const match = stem.match(SUFFIX_PATTERN);
  if (!match) return undefined;
  const rank = SUFFIX_WORDS.indexOf(match[2].toLowerCase()) * 1000 + Number(match[3] || 0);
  return { base: match[1], suffix: `${match[2]}${match[3]}`, rank };
}

const SPLIT_TAG = '(?:[ _-]?(tr|ts|va|train|training|test|testing|val|valid|validation))?';
const IMAGE_FOLDER = new RegExp(`^(?:images?|imgs?|scans?|volumes?|inputs?)${SPLIT_TAG}$`, 'i');
const MASK_FOLDER = new RegExp(
  `^(?:masks?|labels?|gts?|ground[ _-]?truths?|segmentations?|segs?|annotations?)${SPLIT_TAG}$`,
  'i',
);

export interface FolderRole {
  role: 'image' | 'mask';
  /** Index in `dirs` of the folder that gave the role. */
  depth: number;
  /** Split named by the folder (`imagesTr` → `train`), '' when none. */
  split: string;
}

/** Role of a file from the deepest folder above it named like images or masks. */
export function folderRole(dirs: readonly string[]): FolderRole | undefined {
  for (let depth = dirs.length - 1; depth >= 0; depth--) {
    const image = dirs[depth].match(IMAGE_FOLDER);
    if (image) return { role: 'image', depth, split: splitName(image[1]) };
    const mask = dirs[depth].match(MASK_FOLDER);
    if (mask) return { role: 'mask', depth, split: splitName(mask[1]) };
  }
  return undefined;
}

function splitName(tag: string | undefined): string {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('tr')) return 'train';
  if (lower.startsWith('t')) return 'test';
  if (lower.startsWith('va')) return 'val';
  return '';
}

/** Subject of a generic file: the stem, less a cine frame suffix (`patient001_frame01` → `patient001`). */
export function subjectFromStem(stem: string): string {
  const frame = stem.match(/^(.+?)[_-]frame\d+$/i);
  return frame ? frame[1] : stem;
}

/** Splits an nnU-Net channel suffix: `case_0001` → case `case`, channel `0001`. */
export function splitChannel(stem: string): { base: string; channel: string } | undefined {
  const match = stem.match(/^(.+)_(\d{4})$/);
  return match ? { base: match[1], channel: match[2] } : undefined;
}
