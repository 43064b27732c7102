/**
 * The shape of a pairing rule and an engine for the rules that recognise a
 * dataset by its file names (ACDC, SLiver07, IDRiD, CHASE_DB1, DRIVE).
 *
 * A rule receives the image-format files that earlier rules did not claim
 * and returns the files it claims: pairs, and files of its layout that it
 * leaves out with a reason. Unclaimed files go on to the next rule.
 */

import { nearest, type FileEntry } from './files';
import type { ImageMaskPair, LeftOutFile, PairLayout } from './types';

export interface RuleOutcome {
  pairs: ImageMaskPair[];
  leftOut: LeftOutFile[];
  /**
   * Files of the layout that found no partner. They stay unclaimed, since a
   * later rule may still pair them (nnU-Net stores ACDC label maps as
   * `labelsTr/patientNNN_frameMM.nii.gz`); the reason applies if none does.
   */
  unmatched?: LeftOutFile[];
}

export type PairingRule = (files: readonly FileEntry[]) => RuleOutcome;

/** Mapping of a layout's file names to roles; `key` joins an image to its mask. */
export interface NamePattern {
  role: 'image' | 'mask' | 'extra';
  /** Tested against the file name. */
  pattern: RegExp;
  key(match: RegExpMatchArray): string;
  /** Reason an `extra` file is left out. */
  reason?(match: RegExpMatchArray, file: FileEntry): string;
}

export interface NamedLayout {
  layout: PairLayout;
  patterns: NamePattern[];
  subject(match: RegExpMatchArray, image: FileEntry): string;
  frame?(match: RegExpMatchArray): number;
  /** Reason an image of the layout without its mask is left out. */
  missingMask(image: FileEntry, key: string): string;
  /** Reason a mask of the layout without its image is left out. */
  missingImage(mask: FileEntry, key: string): string;
}

interface Recognised {
  file: FileEntry;
  pattern: NamePattern;
  match: RegExpMatchArray;
  key: string;
}

/** Builds a rule that pairs each image with the nearest mask of the same key. */
export function namedLayoutRule(layout: NamedLayout): PairingRule {
  return (files) => {
    const recognised = recognise(files, layout.patterns);
    const outcome: RuleOutcome = { pairs: [], leftOut: [], unmatched: [] };

    for (const extra of recognised.filter((item) => item.pattern.role === 'extra')) {
      const reason = extra.pattern.reason?.(extra.match, extra.file) ?? 'not used by this layout';
      outcome.leftOut.push({ path: extra.file.path, reason });
    }

    const masks = recognised.filter((item) => item.pattern.role === 'mask');
    const masksByKey = new Map<string, FileEntry[]>();
    for (const mask of masks) {
      const group = masksByKey.get(mask.key);
      if (group) group.push(mask.file);
      else masksByKey.set(mask.key, [mask.file]);
    }
    const used = new Set<string>();
    for (const image of recognised.filter((item) => item.pattern.role === 'image')) {
      const free = (masksByKey.get(image.key) ?? []).filter((mask) => !used.has(mask.path));
      const mask = nearest(image.file, free);
      if (mask === undefined) {
        outcome.unmatched?.push({ path: image.file.path, reason: layout.missingMask(image.file, image.key) });
        continue;
      }
      used.add(mask.path);
      outcome.pairs.push(pairOf(layout, image, mask));
    }

    for (const mask of masks.filter((item) => !used.has(item.file.path))) {
      outcome.unmatched?.push({ path: mask.file.path, reason: layout.missingImage(mask.file, mask.key) });
    }
    return outcome;
  };
}

function recognise(files: readonly FileEntry[], patterns: NamePattern[]): Recognised[] {
  const recognised: Recognised[] = [];
  for (const file of files) {
    for (const pattern of patterns) {
      const match = file.name.match(pattern.pattern);
      if (match) {
        recognised.push({ file, pattern, match, key: pattern.key(match) });
        break;
      }
    }
  }
  return recognised;
}

function pairOf(layout: NamedLayout, image: Recognised, mask: FileEntry): ImageMaskPair {
  const pair: ImageMaskPair = {
    id: image.file.path,
    subject: layout.subject(image.match, image.file),
    image: image.file.path,
    mask: mask.path,
    layout: layout.layout,
  };
  const frame = layout.frame?.(image.match);
  if (frame !== undefined) pair.frame = frame;
  return pair;
}
