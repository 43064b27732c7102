/**
 * Generic rule: the image and its mask carry the same name (or the mask adds
 * a suffix such as `_mask`) under sibling folders named like images and
 * masks: `images/` + `masks/`, `imagesTr/` + `labelsTr/` (nnU-Net and the
 * Medical Segmentation Decathlon), `img/` + `ground_truth/`. Folder names
 * match case-insensitively, and a split tag on the folder (`Tr`, `_test`)
 * must agree between the two. nnU-Net images carry a channel suffix
 * (`case_0000`); channel 0000 is paired and the other channels left out.
 */

import type { FileEntry } from './files';
import { folderRole, splitChannel, splitMaskSuffix, subjectFromStem } from './names';
import type { PairingRule, RuleOutcome } from './rule';

interface Located {
  file: FileEntry;
  /** Path with the role folder replaced by its split tag, without the file name. */
  scope: string;
}

interface MaskCandidate {
  file: FileEntry;
  /** 0 when the stem equals the image's, else the rank of its mask suffix plus one. */
  rank: number;
}

export const siblingFoldersRule: PairingRule = (files) => {
  const images: Located[] = [];
  const masksByKey = new Map<string, MaskCandidate[]>();
  for (const file of files) {
    const role = folderRole(file.dirs);
    if (role === undefined) continue;
    const scope = [...file.dirs.slice(0, role.depth), `<${role.split}>`, ...file.dirs.slice(role.depth + 1)].join('/');
    if (role.role === 'image') images.push({ file, scope });
    else indexMask(masksByKey, file, scope);
  }

  const outcome: RuleOutcome = { pairs: [], leftOut: [] };
  const used = new Map<string, string>();
  for (const { file, scope } of images) {
    const exact = pickMask(masksByKey.get(`${scope}/${file.stem}`), used);
    const channel = splitChannel(file.stem);
    const byChannel = exact ? undefined : channel && masksByKey.get(`${scope}/${channel.base}`);
    const mask = exact ?? pickMask(byChannel, used);

    if (mask) {
      used.set(mask.path, file.path);
      const stem = exact ? file.stem : (channel?.base ?? file.stem);
      outcome.pairs.push({
        id: file.path,
        subject: subjectFromStem(stem),
        image: file.path,
        mask: mask.path,
        layout: 'sibling-folders',
      });
    } else if (channel && byChannel && byChannel.length > 0) {
      const pairedWith = used.get(byChannel[0].file.path);
      outcome.leftOut.push({
        path: file.path,
        reason: `channel ${channel.channel} of the nnU-Net case ${channel.base}: only one channel is paired with the mask (${pairedWith})`,
      });
    }
  }
  return outcome;
};

function indexMask(index: Map<string, MaskCandidate[]>, file: FileEntry, scope: string): void {
  const add = (stem: string, rank: number) => {
    const key = `${scope}/${stem}`;
    const list = index.get(key);
    if (list) list.push({ file, rank });
    else index.set(key, [{ file, rank }]);
  };
  add(file.stem, 0);
  const suffix = splitMaskSuffix(file.stem);
  if (suffix) add(suffix.base, suffix.rank + 1);
}

/** Picks the best unused candidate: exact stem first, then by suffix rank, then by path. */
function pickMask(candidates: MaskCandidate[] | undefined, used: Map<string, string>): FileEntry | undefined {
  let best: MaskCandidate | undefined;
  for (const candidate of candidates ?? []) {
    if (used.has(candidate.file.path)) continue;
    if (
      best === undefined ||
      candidate.rank < best.rank ||
      (candidate.rank === best.rank && candidate.file.path < best.file.path)
    ) {
      best = candidate;
    }
  }
  return best?.file;
}
