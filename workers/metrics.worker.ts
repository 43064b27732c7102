/// <reference lib="webworker" />
/** Metrics worker entry: one evaluation or import at a time, each cancellable. */

import { LabError, serializeError } from '../src/core/errors';
import { METRICS_PROTOCOL_VERSION, type MetricsEvent, type MetricsRequest } from '../src/protocol/metrics';
import { runImportExtractor, runEvaluation } from '../src/runtime/metrics-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: MetricsEvent) => scope.postMessage(event);
const jobs = new Map<string, AbortController>();

scope.onmessage = (message: MessageEvent<MetricsRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    jobs.get(request.jobId)?.abort();
    return;
  }
  if (request.version !== METRICS_PROTOCOL_VERSION) {
    const error = new LabError('worker-failed', `the metrics worker speaks protocol ${METRICS_PROTOCOL_VERSION}, the page sent ${request.version}`, {
      hint: 'Reload the page.',
    });
    post({ type: 'error', jobId: request.jobId, error: serializeError(error) });
    return;
  }
  const controller = new AbortController();
  jobs.set(request.jobId, controller);
  const job = request.type === 'evaluate' ? runEvaluation(request, controller.signal, post) : runImportExtractor(request, post);
  void job.finally(() => jobs.delete(request.jobId));
};
