// Probes for the process supervisor and HAProxy, and the metrics endpoint for Prometheus.
// /livez: the process runs (restart it when this fails). /readyz: it can serve now (send it
// traffic); 503 while draining for shutdown or while a dependency (store, Redis) does not answer.
import { ErrorCode } from "@tack/shared/errors";
import { type Api, exchangeOf } from "../routes/api.ts";

export function healthRoutes(api: Api): void {
  const { ctx, http } = api;
  api.define({
    method: "GET",
    path: "/livez",
    summary: "The process is up",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async () => ({ ok: true }),
  });
  api.define({
    method: "GET",
    path: "/readyz",
    summary: "The process can serve: not draining, and the store (and Redis) answer",
    access: { who: "anyone" },
    httpOnly: true,
    handler: async (call) => {
      const report = await ctx.lifecycle.readiness();
      if (report.ready)
        return report.degraded.length === 0 ? { ok: true } : { ok: true, degraded: report.degraded };
      void exchangeOf(call).reply.status(503);
      const message = report.draining
        ? "This worker is shutting down: send requests to another one"
        : `Not ready: ${report.failing.map((f) => `${f.name}: ${f.message}`).join("; ")}`;
      return {
        ok: false,
        error: ErrorCode.unavailable,
        message,
        draining: report.draining,
        failing: report.failing,
      };
    },
  });
  // Prometheus text format; not part of the Trello API, so not in the OpenAPI document.
  // Scraped from each worker's own port. A request a proxy forwarded (HAProxy sets these headers
  // on everything it passes on, overwriting or appending to whatever the client sent) came through
  // the public front door: it is answered as if there were no such route, however it was spelled.
  http.get("/metrics", async (request, reply) => {
    if (
      request.headers["x-forwarded-for"] !== undefined ||
      request.headers["x-forwarded-proto"] !== undefined
    )
      return reply
        .status(404)
        .send({ error: ErrorCode.notFound, message: `No route for GET ${request.url.split("?")[0]}` });
    ctx.metrics.draining.set(ctx.lifecycle.draining ? 1 : 0);
    void reply.header("content-type", ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}
