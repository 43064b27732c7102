/** Helpers that return the LabError a test expects and fail on any other outcome. */

import { LabError } from '../core/errors';

/** Awaits `action` and returns the LabError it rejects with; fails when it resolves or rejects with anything else. */
export async function labErrorOf(action: () => Promise<unknown>): Promise<LabError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw new Error(`expected a LabError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a LabError, but the action succeeded');
}

/** Runs `action` and returns the LabError it throws; fails when it returns or throws anything else. */
export function labErrorFrom(action: () => unknown): LabError {
  try {
    action();
  } catch (error) {
    if (error instanceof LabError) return error;
    throw new Error(`expected a LabError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a LabError, but the action succeeded');
}
