// Time bounds on receiving a request, so a client that sends slowly cannot hold a connection (a
// file descriptor) for long: headers within `headersTimeoutMs`, a JSON or form body within
// `bodyTimeoutMs` of its headers, any request (file uploads included) within `requestTimeoutMs`.
// Node enforces the first and last, checking every `connectionsCheckingInterval`; the body bound
// is ours, because a 250 MB upload legitimately takes longer than a 2 KB JSON body.
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import { ErrorCode } from "@tack/shared/errors";
import type { FastifyInstance } from "fastify";
import type { ExhaustionLimits } from "../config.ts";

/** Fastify's `serverFactory`: a Node HTTP server with the limits, checked often enough to hold. */
export function boundedServerFactory(limits: ExhaustionLimits): (handler: RequestListener) => Server {
  const smallest = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs || Number.POSITIVE_INFINITY);
  return (handler) => {
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(smallest / 4))),
      },
      handler,
    );
    // Fastify's default, which it applies only to servers it creates itself: longer than
    // HAProxy's `timeout http-keep-alive`, so the proxy, not the worker, closes idle connections.
    server.keepAliveTimeout = 72_000;
    return server;
  };
}

const isUpload = (contentType: string | undefined): boolean =>
  (contentType ?? "").toLowerCase().startsWith("multipart/");

/** Whether the headers announce a body (HTTP/1.1: chunks, or a length above 0); most GETs have none. */
const announcesBody = (headers: IncomingHttpHeaders): boolean =>
  headers["transfer-encoding"] !== undefined ||
  (headers["content-length"] !== undefined && headers["content-length"] !== "0");

/** Answers 408 and closes the connection when a non-upload body is still arriving after the bound. */
export function installBodyTimeout(app: FastifyInstance, limits: ExhaustionLimits): void {
  if (limits.bodyTimeoutMs === 0) return;
  app.addHook("preParsing", (request, reply, payload, done) => {
    // No body to wait for (a poll, a board read): no timer either, on the commonest requests.
    if (!announcesBody(request.headers) || isUpload(request.headers["content-type"])) {
      done(null, payload);
      return;
    }
    const timer = setTimeout(() => {
      if (reply.sent || request.raw.complete) return;
      reply.hijack();
      const body = JSON.stringify({
        error: ErrorCode.invalidInput,
        message: `The request body did not arrive within ${limits.bodyTimeoutMs} ms: send it at once`,
      });
      reply.raw.writeHead(408, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body),
        connection: "close",
      });
      reply.raw.end(body, () => request.raw.socket?.destroy());
    }, limits.bodyTimeoutMs);
    timer.unref();
    const arrived = () => clearTimeout(timer);
    request.raw.once("end", arrived);
    request.raw.once("close", arrived);
    done(null, payload);
  });
}
