/**
 * Errors that cross the API boundary. Every transport carries them as plain data (`WireError`)
 * and turns them back into `ApiError` on the other side, so the renderer can tell a bad field from
 * a missing record from a crash.
 */

export const API_ERROR_CODES = [
  /** The input failed its schema; `field` names the first bad field. */
  'invalid_input',
  /** No such method in the contract. */
  'unknown_method',
  'not_found',
  /** The request is valid but the data does not allow it (for example a stage still in use). */
  'conflict',
  /** The transport refused the caller (wrong token, foreign origin, foreign frame). */
  'unauthorized',
  /** The engine could not be reached, or the connection dropped before it answered. */
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface WireError {
  code: ApiErrorCode;
  message: string;
  /** Dotted path of the offending input field, e.g. `patch.valueMinor`. */
  field?: string;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;

  constructor(code: ApiErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }

  toWire(): WireError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }

  static fromWire(wire: WireError): ApiError {
    return new ApiError(wire.code, wire.message, wire.field);
  }
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}

/** What every transport returns for a call: a value or an error, never a thrown exception. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };
