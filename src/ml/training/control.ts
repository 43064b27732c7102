/** Pause, resume and stop requests for a running loop, set from outside it (a worker message, a signal). */

export type ControlState = 'running' | 'paused' | 'stopped';

export class TrainingControl {
  private current: ControlState = 'running';
  private wake: (() => void) | null = null;

  get state(): ControlState {
    return this.current;
  }

  pause(): void {
    if (this.current === 'running') this.current = 'paused';
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.current = 'running';
    this.wakeUp();
  }

  stop(): void {
    this.current = 'stopped';
    this.wakeUp();
  }

  /** Resolves when the loop may go on: on resume or on stop. */
  whenNotPaused(): Promise<void> {
    if (this.current !== 'paused') return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private wakeUp(): void {
    this.wake?.();
    this.wake = null;
  }
}
