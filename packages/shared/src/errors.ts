// Every error Tack reports has a stable code from this one table. The server maps a code to an
// HTTP status or a socket reply in one place; clients switch on the code, never on the message.

export const ErrorCode = {
  invalidInput: "invalid_input",
  malformedJson: "malformed_json",
  payloadTooLarge: "payload_too_large",
  unauthenticated: "unauthenticated",
  invalidCredentials: "invalid_credentials",
  csrf: "csrf_failed",
  forbidden: "forbidden",
  notFound: "not_found",
  conflict: "conflict",
  limitExceeded: "limit_exceeded",
  rateLimited: "API_TOKEN_LIMIT_EXCEEDED",
  unavailable: "unavailable",
  internal: "internal",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit_exceeded: 403,
  API_TOKEN_LIMIT_EXCEEDED: 429,
  unavailable: 503,
  internal: 500,
};

/** The JSON body of every error response and error frame. */
export interface ErrorBody {
  readonly error: ErrorCode;
  readonly message: string;
  /** The offending input field, dotted (`checkItems.0.name`), when one is to blame. */
  readonly field?: string;
}

export class TackError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = "TackError";
    this.code = code;
    this.field = field;
  }

  toBody(): ErrorBody {
    return this.field === undefined
      ? { error: this.code, message: this.message }
      : { error: this.code, message: this.message, field: this.field };
  }
}

export const notFound = (what: string): TackError => new TackError(ErrorCode.notFound, `${what} not found`);
export const invalid = (field: string, message: string): TackError =>
  new TackError(ErrorCode.invalidInput, `${field}: ${message}`, field);
