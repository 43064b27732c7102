/**
 * The page side of ingest: starts the ingest worker, mirrors its progress in
 * the store, and on success lists the new dataset and opens it.
 */

import { LabError, serializeError } from '../../core/errors';
import { createLogger } from '../../core/log';
import type { IngestOptions } from '../../preprocess/slice-dataset';
import { INGEST_PROTOCOL_VERSION, type IngestEvent, type IngestRequest } from '../../protocol/ingest';
import { useLabStore } from '../../state/store';
import type { CollectedFolder } from './collect-files';
import { refreshDatasets } from './dataset-actions';

const log = createLogger('features/ingest');

let worker: Worker | null = null;

/** Called once the running job has stored its dataset. */
let onStored: (() => void) | undefined;

function startWorker(request: IngestRequest & { jobId: string }, name: string, stored?: () => void): void {
  const store = useLabStore.getState();
  worker?.terminate();
  const current = new Worker(new URL('../../../workers/ingest.worker.ts', import.meta.url), { type: 'module', name: 'ingest' });
  worker = current;
  onStored = stored;
  // The import panel shows the progress, the cancel button and how the job ended.
  store.navigate('datasets');
  store.setIngest({ jobId: request.jobId, name, status: 'running', done: 0, total: 0, file: '', bytesDone: 0, bytesTotal: 0, startedAt: performance.now() });

  current.onmessage = (message: MessageEvent<IngestEvent>) => void handleEvent(message.data, current);
  current.onerror = (event) => {
    const error = new LabError('worker-failed', `the ingest worker stopped: ${event.message}`, { hint: 'Reload the page and add the folder again.' });
    finish(current, { status: 'failed', error: serializeError(error) });
  };
  current.postMessage(request);
  log.info('ingest started', { jobId: request.jobId, name });
}

export function startIngest(folder: CollectedFolder, options: IngestOptions): void {
  const jobId = crypto.randomUUID();
  startWorker({ type: 'ingest', version: INGEST_PROTOCOL_VERSION, jobId, name: folder.name, files: folder.files, options }, folder.name);
}

/** Generates the built-in phantom; `stored` runs once it is in storage, not when the job fails or the page closes first. */
export function startPhantom(size: number, seed: number, stored?: () => void): void {
  const jobId = crypto.randomUUID();
  const name = `Cardiac phantom ${size}x${size}`;
  startWorker(
    { type: 'phantom', version: INGEST_PROTOCOL_VERSION, jobId, name, size, subjects: 16, slicesPerSubject: 8, seed },
    name,
    stored,
  );
}

export function cancelIngest(): void {
  const job = useLabStore.getState().ingest;
  if (!worker || !job || job.status !== 'running') return;
  worker.postMessage({ type: 'cancel', jobId: job.jobId } satisfies IngestRequest);
}

async function handleEvent(event: IngestEvent, source: Worker): Promise<void> {
  const store = useLabStore.getState();
  switch (event.type) {
    case 'progress':
      store.patchIngest({ done: event.done, total: event.total, file: event.file, bytesDone: event.bytesDone, bytesTotal: event.bytesTotal });
      return;
    case 'done':
      if (source === worker) onStored?.();
      finish(source, { status: 'done' });
      await refreshDatasets();
      store.navigate('dataset', { datasetId: event.dataset.id });
      return;
    case 'error': {
      finish(source, { status: event.error.code === 'cancelled' ? 'cancelled' : 'failed', error: event.error });
      return;
    }
  }
}

function finish(source: Worker, change: { status: 'done' | 'failed' | 'cancelled'; error?: ReturnType<typeof serializeError> }): void {
  useLabStore.getState().patchIngest(change);
  source.terminate();
  if (worker === source) worker = null;
}
