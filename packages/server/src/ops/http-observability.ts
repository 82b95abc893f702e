// Per-request bookkeeping shared by metrics, logs and graceful shutdown: the in-flight count (so
// shutdown knows when requests are done), the request id echoed to the client, one log line per
// answered request, and the request counter and latency histogram by route pattern.
import type { FastifyInstance } from "fastify";
import type { Lifecycle } from "./lifecycle.ts";
import { redactUrl } from "./logging.ts";
import type { Metrics } from "./metrics.ts";

/** Requests that hit no route are counted under one label, so random URLs cannot grow the series. */
const UNMATCHED = "unmatched";

export function installHttpObservability(
  http: FastifyInstance,
  lifecycle: Lifecycle,
  metrics: Metrics,
): void {
  http.addHook("onRequest", async (request, reply) => {
    const started = performance.now();
    lifecycle.requestStarted();
    metrics.httpInFlight.inc();
    void reply.header("x-request-id", request.id);
    // `close` fires for every response, also when the client went away before the answer.
    reply.raw.once("close", () => {
      lifecycle.requestFinished();
      metrics.httpInFlight.dec();
      const seconds = (performance.now() - started) / 1000;
      const route = request.routeOptions.url ?? UNMATCHED;
      const status = reply.raw.writableFinished ? reply.statusCode : 499;
      metrics.httpRequests.inc({ method: request.method, route, status: String(status) });
      metrics.httpDuration.observe({ method: request.method, route }, seconds);
      request.log.info(
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
  });
  // An answer given while draining closes its connection, so no keep-alive connection outlives
  // the drain (Node closes only connections that are idle at the moment the listener closes).
  http.addHook("onSend", async (_request, reply, payload) => {
    if (lifecycle.draining) void reply.header("connection", "close");
    return payload;
  });
}
