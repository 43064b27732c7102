/**
 * Result types of pairing: which dropped files are image/mask pairs, which
 * files were left out and why, and which files are data files read through a
 * header (the `.raw` of a `.mhd`).
 */

/**
 * The rule that recognised a pair; `auto` modality reads SLiver07 as CT.
 * `phantom` marks the built-in generated sample, which has no files.
 */
export type PairLayout =
  | 'acdc'
  | 'sliver07'
  | 'idrid'
  | 'chase-db1'
  | 'drive'
  | 'sibling-folders'
  | 'suffix'
  | 'phantom';

export interface ImageMaskPair {
  /** Identity of the pair: the image path. */
  id: string;
  /** Patient or case the pair belongs to; the split holds out whole subjects. */
  subject: string;
  /** Path of the image file. */
  image: string;
  /** Path of the segmentation mask file. */
  mask: string;
  layout: PairLayout;
  /** Cine frame number, where the file name records one (ACDC `frameMM`). */
  frame?: number;
}

export interface LeftOutFile {
  path: string;
  /** Reason the file is not part of any pair, as a sentence for the user. */
  reason: string;
}

/** A data file that another file's header points to, read with that header. */
export interface CompanionFile {
  path: string;
  /** Path of the header file (`.mhd`) that the data belongs to. */
  of: string;
}

export interface Pairing {
  /** Sorted by image path. */
  pairs: ImageMaskPair[];
  /** Sorted by path. Every dropped file is in exactly one of pairs, leftOut or companions. */
  leftOut: LeftOutFile[];
  /** Sorted by path. */
  companions: CompanionFile[];
}
