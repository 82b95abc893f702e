// The one place that recognizes "the database is not there right now" (PostgreSQL restarting, a
// dropped connection, a full connection pool, SQLite busy past its timeout). Such failures become
// TackError `unavailable` (HTTP 503): nothing was written, and the client may retry.

/** Network errors of the driver's socket. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);

/** PostgreSQL SQLSTATEs: class 08 (connection exception), shutdown, startup, too many clients. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

/** Messages of node-postgres and its pool when the server vanished or never answered. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Connection ended unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
  /database is locked/i,
];

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // AggregateError (a connect that tried IPv4 and IPv6) and wrapped causes.
  if (error instanceof AggregateError) return error.errors.some(isStoreUnavailable);
  return error.cause !== undefined && error.cause !== error && isStoreUnavailable(error.cause);
}
