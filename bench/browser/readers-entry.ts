/**
 * Bundled into the benchmark page: decodes every picked file with the lab's
 * readers, in the browser, and reports the time. Exposed as `ganlabBench`.
 */

import { createFileLookup, inputFileFromBytes } from '../../src/io/input-file';
import { readVolume } from '../../src/io/registry';

export async function readPickedFiles(list: FileList, repeats: number): Promise<{ files: number; compressedBytes: number; voxels: number; seconds: number }> {
  const picked = Array.from(list).filter((file) => file.name.endsWith('.nii.gz'));
  const files = await Promise.all(
    picked.map(async (file) => inputFileFromBytes(file.webkitRelativePath || file.name, new Uint8Array(await file.arrayBuffer()))),
  );
  const lookup = createFileLookup(files);
  const readAll = async () => {
    let voxels = 0;
    for (const file of files) voxels += (await readVolume(file, lookup)).data.length;
    return voxels;
  };

  let voxels = await readAll();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    voxels = await readAll();
    times.push((performance.now() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return { files: files.length, compressedBytes: picked.reduce((sum, f) => sum + f.size, 0), voxels, seconds: times[Math.floor(repeats / 2)] };
}
