// Entry point: `npm start` runs one Tack process with the configuration from the environment.
// The cluster supervisor (cluster/supervisor.ts) runs several of these, one per port.
import { buildApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { gracefulShutdown } from "./ops/shutdown.ts";

const config = loadConfig();
let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config);
} catch (error) {
  // Refusals (insecure production settings, an unreachable database) are for a person to read.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
await app.http.listen({ port: config.port, host: config.host });

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  app.ctx.log.info({ signal }, "shutting down");
  const { clean } = await gracefulShutdown(app, {
    drainDelayMs: config.drainDelayMs,
    timeoutMs: config.shutdownTimeoutMs,
  });
  process.exit(clean ? 0 : 1);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
// The rolling restart's last step (decision 0062): every socket reconnects, through HAProxy, to
// its board's worker.
process.on("SIGUSR2", () => {
  if (stopping) return;
  const batch = { size: config.drainBatchSize, intervalMs: config.drainBatchIntervalMs };
  app.realtime.sockets.sendHome(batch).then(
    (asked) => app.ctx.log.info({ asked }, "sockets asked to reconnect to their boards' workers"),
    (error: unknown) => app.ctx.log.error({ err: error }, "could not ask the sockets to reconnect"),
  );
});
