/**
 * Turns dropped files into a 2D slice dataset: pairs images with masks,
 * loads each pair into slices and hands them to a sink pair by pair. A pair
 * that fails with a LabError is recorded in the report and the others still
 * load; cancellation through the AbortSignal stops between pairs.
 */

import { createLogger } from '../core/log';
import { LabError } from '../core/errors';
import { createFileLookup, normalizePath, type FileLookup, type InputFile } from '../io/input-file';
import { pairFiles, type ImageMaskPair, type Pairing } from '../io/pairing';
import { addFoundValues, countLabels } from './labels';
import { loadPair } from './load-pair';
import { checkIngestOptions } from './options';
import type { IngestFailure, IngestHooks, IngestReport, SliceSink } from './report';
import type { IngestOptions } from './slice-dataset';
import { sliceKey } from './split';
import { summarise, type IngestTally } from './summary';

export type { IngestHooks, IngestReport, SliceSink } from './report';
export { createMemorySink } from './memory-sink';

const log = createLogger('preprocess/ingest');

export async function ingest(
  files: readonly InputFile[],
  options: IngestOptions,
  sink: SliceSink,
  hooks: IngestHooks = {},
): Promise<IngestReport> {
  checkIngestOptions(options);
  throwIfCancelled(hooks.signal);
  const pairing = pairFiles(files.map((file) => file.path));
  const lookup = createFileLookup(files);
  const pairBytes = bytesPerPair(pairing, files);
  const bytesTotal = pairBytes.reduce((sum, bytes) => sum + bytes, 0);
  log.info('ingest started', { files: files.length, pairs: pairing.pairs.length, leftOut: pairing.leftOut.length });

  const tally: IngestTally = {
    pairs: [],
    failures: [],
    labelValues: new Set(),
    pixelCounts: new Float64Array(256),
    sliceKeys: [],
    channels: undefined,
  };
  let bytesDone = 0;
  for (const [i, pair] of pairing.pairs.entries()) {
    throwIfCancelled(hooks.signal);
    hooks.onProgress?.({ done: i, total: pairing.pairs.length, file: pair.image, bytesDone, bytesTotal });
    await ingestPair(pair, lookup, options, sink, tally, hooks.signal);
    bytesDone += pairBytes[i];
  }
  hooks.onProgress?.({ done: pairing.pairs.length, total: pairing.pairs.length, file: '', bytesDone, bytesTotal });

  const report = summarise(tally, pairing, options);
  log.info('ingest finished', {
    pairs: report.pairs.length,
    failures: report.failures.length,
    train: report.sliceCounts.train,
    test: report.sliceCounts.test,
  });
  return report;
}

async function ingestPair(
  pair: ImageMaskPair,
  lookup: FileLookup,
  options: IngestOptions,
  sink: SliceSink,
  tally: IngestTally,
  signal: AbortSignal | undefined,
): Promise<void> {
  let loaded;
  try {
    loaded = await loadPair(pair, lookup, options, tally.channels);
    if (!options.labels) addFoundValues(tally.labelValues, loaded.labelValues, pair.mask);
  } catch (error) {
    throwIfCancelled(signal);
    tally.failures.push(failureOf(pair, error));
    return;
  }
  throwIfCancelled(signal);

  // The sink's own errors (storage quota) stop the whole ingest.
  await sink.add(loaded.slices);
  tally.pairs.push(loaded.report);
  tally.channels ??= loaded.report.modality === 'rgb' ? 3 : 1;
  for (const slice of loaded.slices) {
    countLabels(tally.pixelCounts, slice.labels);
    tally.sliceKeys.push({ key: sliceKey(slice.pairId, slice.index), subject: slice.subject });
  }
}

function failureOf(pair: ImageMaskPair, error: unknown): IngestFailure {
  if (error instanceof LabError) {
    log.warn('pair failed', { image: pair.image, mask: pair.mask, code: error.code, message: error.message });
    return { file: error.file ?? pair.image, code: error.code, message: error.message };
  }
  // An error that is not a LabError is a bug in a reader or here. Record it, log it and go on.
  const message = error instanceof Error ? error.message : String(error);
  log.error('pair failed with an unexpected error', { image: pair.image, mask: pair.mask, message });
  return { file: pair.image, code: 'internal', message: `unexpected error while loading the pair: ${message}` };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LabError('cancelled', 'ingest was cancelled', { hint: 'Drop the folder again to restart it.' });
}

/** Bytes each pair reads: image, mask and their MetaImage data files. */
function bytesPerPair(pairing: Pairing, files: readonly InputFile[]): number[] {
  const sizes = new Map(files.map((file) => [normalizePath(file.path), file.size]));
  const companionsOf = new Map<string, string[]>();
  for (const companion of pairing.companions) {
    companionsOf.set(companion.of, [...(companionsOf.get(companion.of) ?? []), companion.path]);
  }
  return pairing.pairs.map((pair) =>
    [pair.image, pair.mask, ...(companionsOf.get(pair.image) ?? []), ...(companionsOf.get(pair.mask) ?? [])].reduce(
      (sum, path) => sum + (sizes.get(path) ?? 0),
      0,
    ),
  );
}
