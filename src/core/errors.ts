/**
 * The one error contract of the lab. Readers, validators, storage and workers
 * throw `LabError`; the UI switches on `code` and shows `message`, which names
 * the file or field, the problem and what to do next.
 */

export type ErrorCode =
  | 'unsupported-format'
  | 'unsupported-datatype'
  | 'corrupt-file'
  | 'truncated-file'
  | 'missing-companion'
  | 'shape-mismatch'
  | 'too-many-labels'
  | 'invalid-mask'
  | 'empty-dataset'
  | 'invalid-config'
  | 'invalid-argument'
  | 'quota-exceeded'
  | 'storage-failed'
  | 'backend-unavailable'
  | 'not-found'
  | 'cancelled'
  | 'worker-failed'
  | 'internal';

export interface LabErrorDetails {
  /** Path of the file the problem is in, as the user dropped it. */
  file?: string;
  /** Name of the configuration field or command-line option at fault. */
  field?: string;
  /** What the user can do about it, as one sentence. */
  hint?: string;
  cause?: unknown;
}

export class LabError extends Error {
  override readonly name = 'LabError';
  readonly code: ErrorCode;
  /** The problem alone, without the file name and the hint. */
  readonly problem: string;
  readonly file?: string;
  readonly field?: string;
  readonly hint?: string;

  constructor(code: ErrorCode, problem: string, details: LabErrorDetails = {}) {
    super(composeMessage(problem, details), { cause: details.cause });
    this.code = code;
    this.problem = problem;
    this.file = details.file;
    this.field = details.field;
    this.hint = details.hint;
  }
}

function composeMessage(problem: string, { file, field, hint }: LabErrorDetails): string {
  const subject = file ?? field;
  const head = subject ? `${subject}: ${problem}` : problem;
  return hint ? `${endSentence(head)} ${hint}` : head;
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Plain-object form of an error, safe to post between threads and to store. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  problem: string;
  file?: string;
  field?: string;
  hint?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof LabError) {
    return {
      code: error.code,
      message: error.message,
      problem: error.problem,
      file: error.file,
      field: error.field,
      hint: error.hint,
    };
  }
  if (isQuotaError(error)) {
    const problem = 'the browser storage quota is exhausted';
    return { code: 'quota-exceeded', message: problem, problem };
  }
  const problem = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: problem, problem };
}

export function deserializeError(error: SerializedError): LabError {
  return new LabError(error.code, error.problem, {
    file: error.file,
    field: error.field,
    hint: error.hint,
  });
}

/** True for the DOMException that IndexedDB raises when the origin is out of quota. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'QuotaExceededError';
}
