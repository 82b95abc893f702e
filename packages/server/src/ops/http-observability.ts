// Per-request bookkeeping shared by metrics, logs and graceful shutdown: the in-flight count (so
// shutdown knows when requests are done), the request id echoed to the client, one log line per
// answered request, and the request counter and latency histogram by route pattern.
import type { FastifyInstance } from "fastify";
import type { Lifecycle } from "./lifecycle.ts";
import { redactUrl } from "./logging.ts";
import type { Metrics } from "./metrics.ts";

/** Requests that hit no route are counted under one label, so random URLs cannot grow the series. */
const UNMATCHED = "unmatched";

/**
 * Routes asked over and over by machines, not people: health checks (HAProxy, every few seconds per
 * worker), the metrics scrape and the polling fallback (every client without a WebSocket, every few
 * seconds). Answered without an error, they are logged at `debug`: at `info` a line per poll cost
 * a third of a poll's CPU and buried the requests people make (docs/benchmarks.md, fifteenth session).
 */
const ROUTINE_ROUTES = new Set(["/livez", "/readyz", "/metrics", "/1/boards/:id/changes"]);

/** pino's levels, least severe first; `silent` (or any other name) logs nothing. */
const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/** Whether a logger set to `current` writes lines of `level`. */
function logsAt(current: string, level: "info" | "debug"): boolean {
  const at = LEVELS.indexOf(current);
  return at >= 0 && at <= LEVELS.indexOf(level);
}

/** The level of a request's log line: `debug` for a routine route answered without an error. */
export function requestLogLevel(route: string, status: number): "info" | "debug" {
  return status < 400 && ROUTINE_ROUTES.has(route) ? "debug" : "info";
}

export function installHttpObservability(
  http: FastifyInstance,
  lifecycle: Lifecycle,
  metrics: Metrics,
): void {
  // Hooks that do no I/O take fastify's callback: an async one costs every request a promise and a
  // turn of the microtask queue for nothing (issue 16).
  http.addHook("onRequest", (request, reply, done) => {
    const started = performance.now();
    lifecycle.requestStarted();
    metrics.httpInFlight.inc();
    void reply.header("x-request-id", request.id);
    // `close` fires for every response, also when the client went away before the answer, and
    // once: a plain listener, not `once`'s wrapper and its removal, on every request.
    reply.raw.on("close", () => {
      lifecycle.requestFinished();
      metrics.httpInFlight.dec();
      const seconds = (performance.now() - started) / 1000;
      const route = request.routeOptions.url ?? UNMATCHED;
      const status = reply.raw.writableFinished ? reply.statusCode : 499;
      metrics.httpRequests.inc({ method: request.method, route, status: String(status) });
      metrics.httpDuration.observe({ method: request.method, route }, seconds);
      const level = requestLogLevel(route, status);
      if (!logsAt(request.log.level, level)) return; // not even the line's object is built
      request.log[level](
        {
          method: request.method,
          url: redactUrl(request.url),
          route,
          status,
          ms: Math.round(seconds * 1000),
        },
        "request",
      );
    });
    done();
  });
  // An answer given while draining closes its connection, so no keep-alive connection outlives
  // the drain (Node closes only connections that are idle at the moment the listener closes).
  http.addHook("onSend", (_request, reply, payload, done) => {
    if (lifecycle.draining) void reply.header("connection", "close");
    done(null, payload);
  });
}
