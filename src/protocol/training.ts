/**
 * Messages between the page and a training worker. Requests go to the
 * worker, events come back; each union is discriminated by `type`. Sample
 * grids travel as transferred Float32Array buffers.
 */

import type { SerializedError } from '../core/errors';
import type { SerializedModel } from '../ml/training/checkpoint-format';
import type { BackendPreference, BackendReport } from './backend';

export const TRAINING_PROTOCOL_VERSION = 1;

export type TrainingRequest =
  | {
      type: 'start';
      version: number;
      runId: string;
      /** Continue from the run's latest checkpoint instead of step 0. */
      resume: boolean;
      backend: BackendPreference;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

export type TrainingStatus = 'loading' | 'running' | 'paused' | 'stopped' | 'completed';

export type TrainingEvent =
  | { type: 'backend'; runId: string; report: BackendReport }
  | { type: 'status'; runId: string; status: TrainingStatus; step: number }
  | {
      type: 'progress';
      runId: string;
      step: number;
      totalSteps: number;
      imagesSeen: number;
      losses: Record<string, number>;
      stepsPerSecond: number;
      imagesPerSecond: number;
      secondsLeft: number;
    }
  | { type: 'samples'; runId: string; step: number; grid: Float32Array }
  | { type: 'checkpoint'; runId: string; step: number }
  /** The generator's weights at a step, for the live metrics; its weight buffer is transferred. */
  | { type: 'snapshot'; runId: string; step: number; generator: SerializedModel }
  | { type: 'error'; runId: string; error: SerializedError };
