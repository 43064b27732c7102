/**
 * Exports generated samples as a zip dataset for training elsewhere, in one of
 * two layouts: PNG image/mask pairs, or nnU-Net v2's raw dataset layout with
 * NIfTI files. Batches are pulled from the source one at a time and written
 * straight into the zip, so memory keeps one batch plus the compressed
 * archive, never all samples.
 */

import { LabError } from '../core/errors';
import { createLogger } from '../core/log';
import type { DatasetLayout, SampleView } from './dataset-layout';
import { nnUnetLayout } from './nnunet-layout';
import { pngPairsLayout } from './png-pairs-layout';
import { datasetSettings, type DatasetSettings, type SyntheticBatch, type SyntheticDatasetOptions } from './synthetic-options';
import { ZipStream, type ZipChunks } from './zip-stream';

export type { SyntheticBatch, SyntheticDatasetOptions, SyntheticLayout } from './synthetic-options';
export type { ZipChunks } from './zip-stream';

const log = createLogger('export/synthetic-dataset');

/**
 * Writes `options.total` samples from `source` into a zip and returns its
 * chunks (`new Blob(chunks)` in the browser, one write per chunk in Node).
 * Throws LabError: 'invalid-config' for bad options, 'shape-mismatch' for a
 * batch of the wrong size or a source that yields another number of samples,
 * 'invalid-mask' for a class id without a class name, 'cancelled' when the
 * signal aborts.
 */
export async function writeSyntheticDataset(
  source: AsyncIterable<SyntheticBatch> | Iterable<SyntheticBatch>,
  options: SyntheticDatasetOptions,
): Promise<ZipChunks> {
  const settings = datasetSettings(options);
  const layout = options.layout === 'nnunet' ? nnUnetLayout(settings) : pngPairsLayout(settings);
  const zip = new ZipStream();
  const { signal, onProgress } = options;
  log.info('export started', { layout: options.layout, total: settings.total, side: settings.side });

  let written = 0;
  let batchIndex = 0;
  throwIfAborted(signal, written, settings.total);
  for await (const batch of source) {
    checkBatch(batch, batchIndex, written, settings);
    for (let i = 0; i < batch.count; i++) {
      throwIfAborted(signal, written, settings.total);
      addSample(layout, zip, written + 1, sampleView(batch, i, settings), settings);
      written++;
      onProgress?.(written, settings.total);
    }
    batchIndex++;
    throwIfAborted(signal, written, settings.total);
  }

  if (written !== settings.total) {
    throw new LabError('shape-mismatch', `the source yielded ${written} samples, not the ${settings.total} announced`, {
      field: 'total',
      hint: 'Set total to the number of samples the generator produces.',
    });
  }
  layout.addMetadata(zip, written);
  const archive = zip.finish();
  log.info('export finished', { layout: options.layout, samples: written, files: archive.fileCount, bytes: archive.byteLength });
  return archive;
}

function addSample(layout: DatasetLayout, zip: ZipStream, number: number, sample: SampleView, settings: DatasetSettings): void {
  const maxId = settings.classNames.length;
  for (let p = 0; p < sample.classIds.length; p++) {
    if (sample.classIds[p] > maxId) {
      throw new LabError('invalid-mask', `sample ${number} has class id ${sample.classIds[p]}, but only ids 0 to ${maxId} have names`, {
        field: 'classNames',
        hint: 'Pass one name per foreground class of the generator.',
      });
    }
  }
  layout.addSample(zip, number, sample);
}

function sampleView(batch: SyntheticBatch, i: number, { side, imageChannels }: DatasetSettings): SampleView {
  const pixels = side * side;
  return {
    image: batch.images.subarray(i * pixels * imageChannels, (i + 1) * pixels * imageChannels),
    classIds: batch.classIds.subarray(i * pixels, (i + 1) * pixels),
  };
}

function checkBatch(batch: SyntheticBatch, index: number, written: number, settings: DatasetSettings): void {
  const { side, imageChannels, total } = settings;
  const { count, images, classIds } = batch;
  const mismatch = (problem: string) =>
    new LabError('shape-mismatch', `batch ${index + 1}: ${problem}`, { hint: 'Pass batches of [count, side, side, channels] images and [count, side, side] class ids.' });
  if (!Number.isInteger(count) || count < 0) throw mismatch(`count ${count} is not a whole number`);
  if (images.length !== count * side * side * imageChannels) {
    throw mismatch(`${images.length} image values do not make ${count} samples of ${side} x ${side} x ${imageChannels}`);
  }
  if (classIds.length !== count * side * side) {
    throw mismatch(`${classIds.length} class ids do not make ${count} masks of ${side} x ${side}`);
  }
  if (written + count > total) {
    throw new LabError('shape-mismatch', `the source yields more than the ${total} samples announced`, {
      field: 'total',
      hint: 'Set total to the number of samples the generator produces.',
    });
  }
}

function throwIfAborted(signal: AbortSignal | undefined, written: number, total: number): void {
  if (!signal?.aborted) return;
  log.info('export cancelled', { written, total });
  throw new LabError('cancelled', `the synthetic dataset export was cancelled after ${written} of ${total} samples`);
}
