// Structured logs: pino (Fastify's logger) writes one JSON object per line to stdout, with the
// worker's instance id on every line and the request id on every line about a request, so logs of
// several workers (and HAProxy's, which forwards its own unique id) can be joined on `reqId`.
import type { IncomingMessage } from "node:http";
import type { FastifyServerOptions } from "fastify";
import type { Config } from "../config.ts";

/** A request id we accept from the proxy in front: short and printable, nothing to inject. */
const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** Query parameters that carry credentials (Trello's `key` and `token`) never reach the logs. */
const SECRET_PARAMS = /([?&](?:token|key)=)[^&#]*/gi;

/** Invitation links carry their token in the path (`/invite/…`, `/1/invitations/…`). */
const SECRET_PATHS = /(\/(?:invite|invitations)\/)[0-9a-f]{64}/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, "$1[redacted]").replace(SECRET_PATHS, "$1[redacted]");
}

/** Uses the proxy's request id (HAProxy's `unique-id`) when it sent a sane one, else a UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-request-id"];
  return typeof forwarded === "string" && FORWARDED_REQUEST_ID.test(forwarded)
    ? forwarded
    : crypto.randomUUID();
}

export function loggerOptions(
  config: Pick<Config, "logLevel" | "instanceId">,
): NonNullable<FastifyServerOptions["logger"]> {
  return {
    level: config.logLevel,
    base: { instance: config.instanceId, pid: process.pid },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
  };
}
