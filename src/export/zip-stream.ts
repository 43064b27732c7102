/**
 * A zip archive built file by file with fflate's streaming `Zip`. The
 * archive's bytes are collected as chunks, so memory keeps the compressed
 * archive and never all source files at once.
 *
 * fflate 0.8 reads ZIP64 but writes none, so an archive keeps to the classic
 * format. It stores the entry count in 16 bits and offsets in 32 bits, which
 * allows at most 65,535 entries and offsets below 4 GiB, the central
 * directory's included. The writer checks both and throws instead of writing
 * a broken archive.
 */

import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';

import { LabError } from '../core/errors';

const MAX_ENTRIES = 0xffff;
const MAX_OFFSET = 0xffffffff;

export interface ZipChunks {
  /** The archive's bytes in order; `new Blob(chunks)` or writing them one after the other gives the zip file. */
  chunks: Uint8Array[];
  /** Files in the archive. */
  fileCount: number;
  /** Total length of the chunks in bytes. */
  byteLength: number;
}

export class ZipStream {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private byteLength = 0;
  private fileCount = 0;
  private failure: unknown = null;

  constructor() {
    // fflate calls back synchronously for the synchronous entry types used here.
    this.zip = new Zip((error, chunk) => {
      if (error) {
        this.failure ??= error;
        return;
      }
      this.chunks.push(chunk);
      this.byteLength += chunk.length;
    });
  }

  /** Stores bytes that are already compressed (PNG, gzip) without deflating them again. */
  addStored(path: string, bytes: Uint8Array): void {
    this.add(new ZipPassThrough(path), bytes);
  }

  /** Deflates text and other compressible bytes. */
  addDeflated(path: string, bytes: Uint8Array): void {
    this.add(new ZipDeflate(path, { level: 6 }), bytes);
  }

  /** Writes the central directory and returns the archive. */
  finish(): ZipChunks {
    this.zip.end();
    this.checkFailure();
    return { chunks: this.chunks, fileCount: this.fileCount, byteLength: this.byteLength };
  }

  private add(entry: ZipInputFile & { push(chunk: Uint8Array, final?: boolean): void }, bytes: Uint8Array): void {
    if (this.fileCount === MAX_ENTRIES) {
      throw new LabError('invalid-argument', `the zip would contain more than ${MAX_ENTRIES} files, which needs ZIP64`, {
        hint: 'Export fewer samples per archive.',
      });
    }
    this.zip.add(entry);
    entry.push(bytes, true);
    this.fileCount++;
    this.checkFailure();
    if (this.byteLength > MAX_OFFSET) {
      throw new LabError('invalid-argument', `the zip is larger than 4 GiB after "${entry.filename}", which needs ZIP64`, {
        hint: 'Export fewer samples per archive.',
      });
    }
  }

  private checkFailure(): void {
    if (this.failure !== null) {
      throw new LabError('internal', `the zip writer failed: ${String(this.failure)}`, { cause: this.failure });
    }
  }
}
