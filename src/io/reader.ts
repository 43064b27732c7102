/**
 * The contract between the registry and the per-format readers.
 */

import type { FileLookup, InputFile } from './input-file';
import type { Volume } from './volume';

export interface ReadRequest {
  file: InputFile;
  /** File content, already inflated when the file was gzip-compressed. */
  bytes: Uint8Array;
  /** True when `bytes` were created for this read, so a reader may keep views into them or change them. */
  ownsBytes: boolean;
  /** The other files of the same drop, for companion data files. */
  lookup: FileLookup;
}

export interface VolumeReader {
  /** Format name as users know it, for messages (for example `NIfTI-1/2`). */
  readonly name: string;
  /** Lower-case file name endings with the dot, longest first where one ends another (`.nii.gz` before `.nii`). */
  readonly extensions: readonly string[];
  /**
   * True when the format has no signature (MetaImage headers are plain text),
   * so the registry may hand it a file by extension when no signature matched.
   */
  readonly readsByExtension: boolean;
  /** True when the content starts with this format's signature. */
  matches(bytes: Uint8Array): boolean;
  read(request: ReadRequest): Promise<Volume>;
}
