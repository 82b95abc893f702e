// Graceful shutdown of one worker (SIGTERM from the supervisor or the rolling restart):
//   1. turn not-ready, so HAProxy's health check takes the worker out of rotation;
//   2. after a short delay (time for HAProxy to notice), stop accepting connections: idle
//      keep-alive connections close, and answers on busy ones carry `Connection: close`;
//   3. wait for in-flight HTTP requests to finish;
//   4. run the drain hooks: the real-time layer closes its WebSockets in batches with 1001
//      "reconnect elsewhere";
//   5. close the real-time layer and the stores; all of it within a bounded time, after which
//      connections are cut.
import type { App } from "../app.ts";

export interface ShutdownOptions {
  /** Time between turning not-ready and closing the listener. */
  drainDelayMs: number;
  /** Everything must be done by then; what is left is cut off. */
  timeoutMs: number;
}

export interface ShutdownResult {
  /** True when every step finished before the deadline. */
  clean: boolean;
  ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function gracefulShutdown(app: App, options: ShutdownOptions): Promise<ShutdownResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const { lifecycle, log } = app.ctx;
  let clean = true;

  lifecycle.startDraining();
  log.info({ drainDelayMs: options.drainDelayMs }, "draining: readiness now fails");
  if (options.drainDelayMs > 0) await sleep(Math.min(options.drainDelayMs, options.timeoutMs / 2));

  // Fastify's close stops the listener at once and resolves when every connection has ended
  // (upgraded WebSocket connections included), then runs its onClose hooks.
  const httpClosed = app.http.close();
  if (!(await lifecycle.requestsDone(deadline))) {
    clean = false;
    log.warn({ inFlight: lifecycle.requestsInFlight }, "requests still running at the shutdown deadline");
  }
  for (const { name, error } of await lifecycle.runDrainHooks(deadline)) {
    clean = false;
    log.error({ err: error, hook: name }, "drain hook failed");
  }
  const closedInTime = await Promise.race([
    httpClosed.then(() => true),
    sleep(Math.max(0, deadline - Date.now())).then(() => false),
  ]);
  if (!closedInTime) {
    clean = false;
    log.warn("connections still open at the shutdown deadline: closing them");
    app.http.server.closeAllConnections();
    await Promise.race([httpClosed, sleep(1_000)]);
  }
  await app.closeServices();
  const ms = Date.now() - started;
  log.info({ ms, clean }, "shut down");
  return { clean, ms };
}
