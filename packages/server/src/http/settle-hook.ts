// A fastify callback hook that waits for I/O on some requests only (the rest call `done` at once,
// issue 16) ends through here: `done` with what the work gave, or with its error.
import type { FastifyRequest } from "fastify";

/**
 * Calls `done` with the value `work` resolves to, or with its error. Whatever fastify throws past
 * `done` is logged as `what` went wrong, never left an unhandled rejection (which ends the process).
 */
export function settleHook<T>(
  request: FastifyRequest,
  work: Promise<T>,
  done: (error: Error | null, value?: T) => void,
  what: string,
): void {
  work
    .then(
      (value) => done(null, value),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    )
    .catch((error: unknown) => request.log.error({ err: error }, what));
}
