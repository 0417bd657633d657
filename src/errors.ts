/**
 * Stable error codes of the trace contract (spec/trace-format.md, "Error codes").
 * A refused request throws a ModelError before it changes anything, so callers can
 * report the code and carry on with an unchanged model.
 */
export const ERROR_CODES = [
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'OUT_OF_RANGE',
  'INVALID_STATE',
  'NO_CAPACITY',
  'TABLES_EXHAUSTED',
  'DATA_LOSS',
  'SYSTEM_FAILED',
  'LINK_DOWN',
  'VTOC_DAMAGED',
  // Added by this project (spec/trace-format.md, "Added codes").
  'NOT_IMPLEMENTED',
  'DEVICE_FAILED',
  'INVARIANT_VIOLATED',
  'TAPE_DAMAGED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class ModelError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    // A refusal is an answer, not a crash: its code and message say everything, and capturing
    // a stack for each one made refused requests the costliest steps of a property run.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'ModelError';
    this.code = code;
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new ModelError(code, message);
}

export function isModelError(e: unknown): e is ModelError {
  return e instanceof ModelError;
}
