/**
 * Pairs the images of a dropped folder with their segmentation masks, from
 * the relative paths alone. Rules run in order, from the dataset layouts
 * that are recognised by exact file names (ACDC, SLiver07, IDRiD,
 * CHASE_DB1, DRIVE) to the generic ones: the same name under sibling
 * images/masks folders, then `X` with `X_<suffix>` in one folder. Each rule
 * receives only the files that earlier rules did not claim. Every file that
 * ends in no pair is left out with a reason.
 */

import { classifyFiles } from './pairing/classify';
import { acdcRule } from './pairing/acdc';
import { byPath, comparePaths, parseFile, type FileEntry } from './pairing/files';
import { folderRole, splitMaskSuffix } from './pairing/names';
import { chaseDb1Rule, driveRule, idridRule } from './pairing/retina';
import type { PairingRule } from './pairing/rule';
import { siblingFoldersRule } from './pairing/sibling-folders';
import { sliver07Rule } from './pairing/sliver07';
import { suffixRule } from './pairing/suffix';
import type { LeftOutFile, Pairing } from './pairing/types';

export type { CompanionFile, ImageMaskPair, LeftOutFile, Pairing, PairLayout } from './pairing/types';

/** The rules in the order they claim files. */
const RULES: readonly PairingRule[] = [
  acdcRule,
  sliver07Rule,
  idridRule,
  chaseDb1Rule,
  driveRule,
  siblingFoldersRule,
  suffixRule,
];

export function pairFiles(paths: readonly string[]): Pairing {
  const files = uniqueFiles(paths);
  const classified = classifyFiles(files);
  const pairing: Pairing = { pairs: [], leftOut: classified.leftOut, companions: classified.companions };

  let pool = classified.images;
  const layoutReasons = new Map<string, string>();
  for (const rule of RULES) {
    const outcome = rule(pool);
    pairing.pairs.push(...outcome.pairs);
    pairing.leftOut.push(...outcome.leftOut);
    for (const file of outcome.unmatched ?? []) {
      if (!layoutReasons.has(file.path)) layoutReasons.set(file.path, file.reason);
    }
    const claimed = new Set(outcome.leftOut.map((file) => file.path));
    for (const pair of outcome.pairs) claimed.add(pair.image).add(pair.mask);
    pool = pool.filter((file) => !claimed.has(file.path));
  }

  // The first layout that recognised a file explains best why it is unpaired.
  for (const file of pool) {
    const reason = layoutReasons.get(file.path);
    pairing.leftOut.push(reason === undefined ? unpaired(file) : { path: file.path, reason });
  }

  pairing.pairs.sort((a, b) => comparePaths(a.id, b.id));
  pairing.leftOut.sort(byPath);
  pairing.companions.sort(byPath);
  return pairing;
}

function uniqueFiles(paths: readonly string[]): FileEntry[] {
  const byNormalPath = new Map<string, FileEntry>();
  for (const path of paths) {
    const file = parseFile(path);
    if (file.name !== '') byNormalPath.set(file.path, file);
  }
  return [...byNormalPath.values()].sort(byPath);
}

function unpaired(file: FileEntry): LeftOutFile {
  const suffix = splitMaskSuffix(file.stem);
  if (suffix || folderRole(file.dirs)?.role === 'mask') {
    const base = suffix?.base ?? file.stem;
    return {
      path: file.path,
      reason: `mask without an image: no image named ${base} beside it or in a sibling images folder`,
    };
  }
  return {
    path: file.path,
    reason: `no mask found: expected ${file.stem}_mask (or _seg, _gt, _label) beside it, or the same name in a sibling masks or labels folder`,
  };
}
