/**
 * A browser profile on a 64 MB tmpfs, so that IndexedDB runs out of room for
 * real: Chromium raises QuotaExceededError once the disk is nearly full.
 * (The DevTools quota override has no effect on Chromium 156 headless.)
 * Mounting needs root with CAP_SYS_ADMIN, as on the CI machines.
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  profile: string;
  unmount(): void;
}

export function mountSmallDisk(megabytes = 64): SmallDisk {
  const mountPoint = mkdtempSync(join(tmpdir(), 'ganlab-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', mountPoint]);
  const profile = join(mountPoint, 'profile');
  mkdirSync(profile);
  return { profile, unmount: () => execFileSync('umount', [mountPoint]) };
}
