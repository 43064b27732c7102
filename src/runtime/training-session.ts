/**
 * One training session inside the training worker: picks the backend, loads
 * the run and its dataset from IndexedDB, builds or restores the trainer, and
 * runs the loop with hooks that store metrics, samples and checkpoints and
 * post events to the page. The run's Web Lock is held for the whole session,
 * so the page can tell a live run from one a closed tab left behind.
 */

import { serializeError } from '../core/errors';
import { createLogger } from '../core/log';
import { restoreTrainer, serializeNetwork } from '../ml/training/checkpoint';
import type { TrainingControl } from '../ml/training/control';
import { runTrainingLoop, type LoopHooks } from '../ml/training/loop';
import { GanTrainer } from '../ml/training/trainer';
import type { TrainingEvent, TrainingRequest } from '../protocol/training';
import { getDataset, loadTrainingSet } from '../storage/datasets';
import { openLabDatabase, type LabDatabase } from '../storage/db';
import { appendMetrics, getRun, latestCheckpoint, putCheckpoint, putSampleGrid, updateRun } from '../storage/runs';
import { selectBackend } from './backend';
import { perceptualNetworkFor } from './cached-models';
import { runLockName } from './run-lock';

const log = createLogger('runtime/training');

type StartRequest = Extract<TrainingRequest, { type: 'start' }>;
export type PostEvent = (event: TrainingEvent, transfer?: Transferable[]) => void;

export async function runTrainingSession(request: StartRequest, control: TrainingControl, post: PostEvent): Promise<void> {
  const { runId } = request;
  await navigator.locks.request(runLockName(runId), async () => {
    const db = await openLabDatabase();
    try {
      await trainRun(db, request, control, post);
    } catch (error) {
      const serialized = serializeError(error);
      log.error('training failed', { runId, error: serialized.message });
      await updateRun(db, runId, { status: 'failed', error: serialized }).catch(() => undefined);
      post({ type: 'error', runId, error: serialized });
    }
  });
}

async function trainRun(db: LabDatabase, request: StartRequest, control: TrainingControl, post: PostEvent): Promise<void> {
  const { runId } = request;
  post({ type: 'status', runId, status: 'loading', step: 0 });

  const report = await selectBackend(request.backend);
  post({ type: 'backend', runId, report });
  const backendNote = report.fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ');

  const run = await getRun(db, runId);
  const dataset = await getDataset(db, run.datasetId);
  const data = await loadTrainingSet(db, dataset, 'train');
  const resume = request.resume && run.lastCheckpointStep !== null;
  const perceptual = await perceptualNetworkFor(db, run.config);
  const trainer = resume
    ? await restoreTrainer(await latestCheckpoint(db, runId), data, perceptual)
    : new GanTrainer(run.config, data, undefined, perceptual);
  log.info('session started', { runId, backend: report.backend, resume, step: trainer.step, slices: data.count });

  try {
    await updateRun(db, runId, { status: 'running', backend: report.backend, backendNote, error: undefined });
    post({ type: 'status', runId, status: 'running', step: trainer.step });
    const outcome = await runTrainingLoop(trainer, { runId, backend: report.backend, control, hooks: sessionHooks(db, runId, post) });
    await updateRun(db, runId, { status: outcome });
    post({ type: 'status', runId, status: outcome, step: trainer.step });
    log.info('session ended', { runId, outcome, step: trainer.step });
  } finally {
    trainer.dispose();
    perceptual?.dispose();
  }
}

function sessionHooks(db: LabDatabase, runId: string, post: PostEvent): LoopHooks {
  return {
    async onStep(progress) {
      const { step, imagesSeen, losses, stepsPerSecond, imagesPerSecond } = progress;
      await appendMetrics(db, [{ runId, step, imagesSeen, losses, stepsPerSecond, imagesPerSecond, time: new Date().toISOString() }]);
      await updateRun(db, runId, { step, imagesSeen });
      post({ type: 'progress', runId, ...progress });
    },
    async onSamples(step, grid) {
      await putSampleGrid(db, { runId, step, grid });
      const copy = grid.slice();
      post({ type: 'samples', runId, step, grid: copy }, [copy.buffer]);
    },
    async onCheckpoint(checkpoint) {
      await putCheckpoint(db, checkpoint);
      post({ type: 'checkpoint', runId, step: checkpoint.step });
    },
    async onSnapshot(step, trainer) {
      const generator = await serializeNetwork(trainer.generator);
      post({ type: 'snapshot', runId, step, generator }, [generator.weightData]);
    },
    async onPaused() {
      const run = await updateRun(db, runId, { status: 'paused' });
      post({ type: 'status', runId, status: 'paused', step: run.step });
    },
    async onResumed() {
      const run = await updateRun(db, runId, { status: 'running' });
      post({ type: 'status', runId, status: 'running', step: run.step });
    },
  };
}
