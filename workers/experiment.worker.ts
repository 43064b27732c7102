/// <reference lib="webworker" />
/** Experiment worker entry: runs one experiment, cancellable between batches. */

import { LabError, serializeError } from '../src/core/errors';
import { EXPERIMENT_PROTOCOL_VERSION, type ExperimentEvent, type ExperimentRequest } from '../src/protocol/experiment';
import { runExperimentSession } from '../src/runtime/experiment-session';
import { runSyntheticExport } from '../src/runtime/synthetic-export';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: ExperimentEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);
const controller = new AbortController();

scope.onmessage = (message: MessageEvent<ExperimentRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    controller.abort();
    return;
  }
  if (request.version !== EXPERIMENT_PROTOCOL_VERSION) {
    const error = new LabError('worker-failed', `the experiment worker speaks protocol ${EXPERIMENT_PROTOCOL_VERSION}, the page sent ${request.version}`, {
      hint: 'Reload the page.',
    });
    post({ type: 'error', experimentId: request.experimentId, error: serializeError(error) });
    return;
  }
  const job = request.type === 'run' ? runExperimentSession(request, controller.signal, post) : runSyntheticExport(request, controller.signal, post);
  void job.finally(() => scope.close());
};
