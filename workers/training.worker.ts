/// <reference lib="webworker" />
/** Training worker entry: routes protocol messages to one training session. */

import { LabError, serializeError } from '../src/core/errors';
import { TrainingControl } from '../src/ml/training/control';
import { TRAINING_PROTOCOL_VERSION, type TrainingEvent, type TrainingRequest } from '../src/protocol/training';
import { runTrainingSession } from '../src/runtime/training-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const control = new TrainingControl();
let runId = '';

const post = (event: TrainingEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer);

scope.onmessage = (message: MessageEvent<TrainingRequest>) => {
  const request = message.data;
  switch (request.type) {
    case 'start':
      runId = request.runId;
      if (request.version !== TRAINING_PROTOCOL_VERSION) {
        const error = new LabError('worker-failed', `the training worker speaks protocol ${TRAINING_PROTOCOL_VERSION}, the page sent ${request.version}`, {
          hint: 'Reload the page.',
        });
        post({ type: 'error', runId, error: serializeError(error) });
        return;
      }
      void runTrainingSession(request, control, post).finally(() => scope.close());
      return;
    case 'pause':
      control.pause();
      return;
    case 'resume':
      control.resume();
      return;
    case 'stop':
      control.stop();
      return;
  }
};
