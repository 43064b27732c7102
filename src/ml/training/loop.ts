/**
 * The training loop: orders trainer steps, sample grids and checkpoints, and
 * reports progress. It runs unchanged in the training worker and on the
 * command line; the caller decides where statistics and checkpoints go.
 */

import type { Checkpoint } from './checkpoint';
import { writeCheckpoint } from './checkpoint';
import type { ControlState, TrainingControl } from './control';
import type { GanTrainer, StepResult } from './trainer';

export interface StepProgress extends StepResult {
  totalSteps: number;
  /** Smoothed over recent steps. */
  stepsPerSecond: number;
  /** Real images shown to the discriminator per second, smoothed. */
  imagesPerSecond: number;
  secondsLeft: number;
}

export interface LoopHooks {
  onStep(progress: StepProgress): void | Promise<void>;
  onSamples(step: number, grid: Float32Array): void | Promise<void>;
  onCheckpoint(checkpoint: Checkpoint): Promise<void>;
  /** Called every `liveMetrics.interval` steps with the trainer, to hand a generator snapshot to the metrics worker. */
  onSnapshot?(step: number, trainer: GanTrainer): void | Promise<void>;
  onPaused?(): void | Promise<void>;
  onResumed?(): void | Promise<void>;
}

export interface LoopOptions {
  runId: string;
  backend: string;
  control: TrainingControl;
  hooks: LoopHooks;
}

export type LoopOutcome = 'completed' | 'stopped';

/** Weight of the newest step in the smoothed step time. */
const SMOOTHING = 0.3;

export async function runTrainingLoop(trainer: GanTrainer, options: LoopOptions): Promise<LoopOutcome> {
  const { control, hooks } = options;
  const { totalSteps, checkpointInterval, sampleInterval, batchSize, criticSteps } = trainer.config;
  let lastCheckpointStep = -1;
  let smoothedSeconds = 0;
  const checkpoint = async () => {
    if (lastCheckpointStep === trainer.step) return;
    await hooks.onCheckpoint(await writeCheckpoint(trainer, options.runId, options.backend));
    lastCheckpointStep = trainer.step;
  };

  await hooks.onSamples(trainer.step, await trainer.generateSampleGrid());
  while (trainer.step < totalSteps) {
    // Honour pause and stop between steps, with a checkpoint at each.
    if (control.state === 'paused') {
      await checkpoint();
      await hooks.onPaused?.();
      await control.whenNotPaused();
      if (currentState(control) === 'running') await hooks.onResumed?.();
    }
    if (currentState(control) === 'stopped') {
      await checkpoint();
      return 'stopped';
    }

    const imagesBefore = trainer.imagesSeen;
    const result = await trainer.trainStep();
    smoothedSeconds = smoothedSeconds === 0 ? result.seconds : SMOOTHING * result.seconds + (1 - SMOOTHING) * smoothedSeconds;
    const stepsPerSecond = 1 / Math.max(smoothedSeconds, 1e-9);
    await hooks.onStep({
      ...result,
      totalSteps,
      stepsPerSecond,
      imagesPerSecond: stepsPerSecond * batchSize * criticSteps,
      secondsLeft: (totalSteps - result.step) * smoothedSeconds,
    });

    if (Math.floor(result.imagesSeen / sampleInterval) > Math.floor(imagesBefore / sampleInterval)) {
      await hooks.onSamples(result.step, await trainer.generateSampleGrid());
    }
    if (result.step % checkpointInterval === 0) await checkpoint();
    const { interval } = trainer.config.liveMetrics;
    if (interval > 0 && result.step % interval === 0) await hooks.onSnapshot?.(result.step, trainer);
  }

  await checkpoint();
  return 'completed';
}

/** Reads the state afresh: it changes while the loop awaits. */
function currentState(control: TrainingControl): ControlState {
  return control.state;
}
