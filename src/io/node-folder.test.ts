import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sharedCasesDir, sharedDataDir } from '../testing/shared';
import { listFolderFiles } from './node-folder';

describe('listFolderFiles', () => {
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gan-lab-io-'));
    await mkdir(join(dir, 'patient001', 'sub'), { recursive: true });
    await mkdir(join(dir, '.cache'));
    await writeFile(join(dir, 'top.nii'), Uint8Array.of(1, 2, 3));
    await writeFile(join(dir, 'patient001', 'a.mhd'), 'NDims = 1\n');
    await writeFile(join(dir, 'patient001', 'sub', 'b.raw'), Uint8Array.of(9));
    await writeFile(join(dir, '.DS_Store'), 'x');
    await writeFile(join(dir, '.cache', 'hidden.png'), 'x');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('recurses and skips dotfiles', async () => {
    const files = await listFolderFiles(dir);
    expect(files.map((file) => file.path)).toEqual(['patient001/a.mhd', 'patient001/sub/b.raw', 'top.nii']);
  });

  it('reports sizes and reads bytes', async () => {
    const files = await listFolderFiles(dir);
    const top = files.find((file) => file.path === 'top.nii')!;
    expect(top.size).toBe(3);
    const bytes = await top.bytes();
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(Array.from(bytes)).toEqual([1, 2, 3]);
  });
});

describe('shared folders', () => {
  it('sit beside the repository', async () => {
    expect((await listFolderFiles(sharedDataDir)).length).toBeGreaterThan(0);
    expect((await listFolderFiles(sharedCasesDir)).length).toBeGreaterThan(0);
  });
});
