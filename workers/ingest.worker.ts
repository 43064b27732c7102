/// <reference lib="webworker" />
/** Ingest worker entry: one job at a time, cancellable between pairs. */

import { LabError, serializeError } from '../src/core/errors';
import { INGEST_PROTOCOL_VERSION, type IngestEvent, type IngestRequest } from '../src/protocol/ingest';
import { runIngestJob, runPhantomJob } from '../src/runtime/ingest-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: IngestEvent) => scope.postMessage(event);
const jobs = new Map<string, AbortController>();

scope.onmessage = (message: MessageEvent<IngestRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    jobs.get(request.jobId)?.abort();
    return;
  }
  if (request.version !== INGEST_PROTOCOL_VERSION) {
    const error = new LabError('worker-failed', `the ingest worker speaks protocol ${INGEST_PROTOCOL_VERSION}, the page sent ${request.version}`, {
      hint: 'Reload the page.',
    });
    post({ type: 'error', jobId: request.jobId, error: serializeError(error) });
    return;
  }
  const controller = new AbortController();
  jobs.set(request.jobId, controller);
  const job = request.type === 'ingest' ? runIngestJob(request, controller.signal, post) : runPhantomJob(request, post);
  void job.finally(() => jobs.delete(request.jobId));
};
