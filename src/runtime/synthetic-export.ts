/** Zips a stored synthetic set inside a worker, reading and encoding it batch by batch. */

import { serializeError } from '../core/errors';
import { createLogger } from '../core/log';
import { writeSyntheticDataset } from '../export/synthetic-dataset';
import type { ExportSyntheticRequest } from '../protocol/experiment';
import { openLabDatabase } from '../storage/db';
import type { PostExperimentEvent } from './experiment-session';
import { storedSyntheticBatches } from './synthetic-store';

const log = createLogger('runtime/synthetic-export');

export async function runSyntheticExport(request: ExportSyntheticRequest, signal: AbortSignal, post: PostExperimentEvent): Promise<void> {
  const { experimentId, setId, options } = request;
  try {
    const db = await openLabDatabase();
    const shape = { side: options.side, imageChannels: options.imageChannels, numClasses: options.classNames.length + 1 };
    const zip = await writeSyntheticDataset(storedSyntheticBatches(db, setId, options.total, shape), {
      ...options,
      signal,
      onProgress: (done, total) => {
        if (done % 64 === 0 || done === total) post({ type: 'export-progress', experimentId, setId, done, total });
      },
    });
    log.info('synthetic set exported', { setId, files: zip.fileCount, bytes: zip.byteLength });
    // Chunks may share buffers, which a transfer list rejects, so they are copied.
    post({ type: 'exported', experimentId, setId, chunks: zip.chunks, fileCount: zip.fileCount });
  } catch (error) {
    log.error('synthetic export failed', { setId, error: String(error) });
    post({ type: 'error', experimentId, error: serializeError(error) });
  }
}
