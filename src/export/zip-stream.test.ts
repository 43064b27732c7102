import { strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';

import { labErrorOf } from '../testing/lab-error';
import { ZipStream } from './zip-stream';

function joined(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

describe('ZipStream', () => {
  it('stored and deflated entries unzip', () => {
    const zip = new ZipStream();
    const text = strToU8('a'.repeat(10_000));
    zip.addStored('raw.bin', new Uint8Array([1, 2, 3]));
    zip.addDeflated('dir/text.txt', text);
    const archive = zip.finish();

    expect(archive.fileCount).toBe(2);
    expect(archive.byteLength).toBe(joined(archive.chunks).length);
    expect(archive.byteLength).toBeLessThan(1000);
    const files = unzipSync(joined(archive.chunks));
    expect(Array.from(files['raw.bin'])).toEqual([1, 2, 3]);
    expect(files['dir/text.txt']).toEqual(text);
  });

  it('rejects entry 65536', async () => {
    const zip = new ZipStream();
    const empty = new Uint8Array(0);
    for (let i = 0; i < 0xffff; i++) zip.addStored(`${i}`, empty);
    const error = await labErrorOf(async () => zip.addStored('one-too-many', empty));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('more than 65535 files');
  });
});
