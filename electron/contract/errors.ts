/** Error codes that cross the contract, each with the HTTP status the web host answers with. */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  /** logins refused for a while after repeated failures */
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
  /** The shared database server cannot be reached: nothing was done. */
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** What an error looks like on the wire: an Italian message, and per-field messages for forms. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

/** Per-field messages of a refused input, keyed by the field's (dotted) path. */
export type FieldErrors = Record<string, string>;

/** Refuses the input: a VALIDATION error with a message per field; its message is `message` or the first field's. */
export function fail(fields: FieldErrors, message?: string): never {
  throw new AppError('VALIDATION', message ?? Object.values(fields)[0] ?? 'Dati non validi', fields);
}

/** Refuses the input as `fail` does when any field has a message; returns when there is none. */
export function throwIfAny(fields: FieldErrors): void {
  if (Object.keys(fields).length > 0) fail(fields);
}

export function isApiErrorBody(x: unknown): x is ApiErrorBody {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x && typeof (x as ApiErrorBody).message === 'string';
}

/** The outcome of one call, as every host returns it. */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };
