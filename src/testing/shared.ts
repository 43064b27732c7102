/**
 * Locations of the shared sample data and bug-report cases, which live in a
 * `shared` folder beside the repository (CI clones the repository next to it).
 * Tests read these folders in place and fail when they are missing.
 */

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of this repository: this file is at src/testing/shared.ts. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const sharedDataDir = resolve(repositoryRoot, '..', 'shared', 'data');
export const sharedCasesDir = resolve(repositoryRoot, '..', 'shared', 'cases');

/** Returns the absolute path of a shared file or folder, throwing when it is missing. */
export function sharedPath(root: string, ...parts: string[]): string {
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new Error(`shared test input ${path} not found: place the shared folder beside the repository root ${repositoryRoot}`);
  }
  return path;
}
