/**
 * Generic rule: a mask beside its image, named after it with a suffix:
 * `X.ext` with `X_mask.ext`, `X_seg`, `X_label`, `X_gt` and the other words
 * in `names.ts`, or a structure name such as `ct001_liver.nii.gz`. The
 * extensions may differ (`X.jpg` with `X_mask.png`). When an image has
 * several such masks, the generic words win over structure names and the
 * others are left out, since a pair has one mask.
 */

import { comparePaths, groupBy, type FileEntry } from './files';
import { splitMaskSuffix, subjectFromStem } from './names';
import type { PairingRule, RuleOutcome } from './rule';

interface Suffixed {
  file: FileEntry;
  rank: number;
}

export const suffixRule: PairingRule = (files) => {
  const imagesByKey = groupBy(files, (file) => `${file.dir}/${file.stem}`);
  const masksByKey = new Map<string, Suffixed[]>();
  for (const file of files) {
    const suffix = splitMaskSuffix(file.stem);
    if (suffix === undefined) continue;
    const key = `${file.dir}/${suffix.base}`;
    if (!imagesByKey.has(key)) continue;
    const list = masksByKey.get(key);
    if (list) list.push({ file, rank: suffix.rank });
    else masksByKey.set(key, [{ file, rank: suffix.rank }]);
  }

  // A file that is a mask of another image is not itself an image here.
  const maskPaths = new Set([...masksByKey.values()].flat().map((mask) => mask.file.path));

  const outcome: RuleOutcome = { pairs: [], leftOut: [] };
  for (const [key, masks] of [...masksByKey].sort(([a], [b]) => comparePaths(a, b))) {
    const image = (imagesByKey.get(key) ?? [])[0];
    if (maskPaths.has(image.path)) continue;
    masks.sort((a, b) => a.rank - b.rank || comparePaths(a.file.path, b.file.path));
    const [chosen, ...others] = masks;
    outcome.pairs.push({
      id: image.path,
      subject: subjectFromStem(image.stem),
      image: image.path,
      mask: chosen.file.path,
      layout: 'suffix',
    });
    for (const other of others) {
      outcome.leftOut.push({
        path: other.file.path,
        reason: `another mask of ${image.name}: a pair has one mask, and ${chosen.file.name} is the one paired`,
      });
    }
  }
  return outcome;
};
