// One Tack process with its per-process caches in use, and a count of what it asked its store:
// for tests that a cached path asks nothing, and that whatever ends the cache ends it at once.
// PostgreSQL caches only while it hears every other process, which takes Redis; SQLite is one
// process and caches alone.
import { type StoreKind, startServer, type TestServer } from "../harness.ts";
import { startTestRedis } from "./redis-server.ts";

export interface CachingServer {
  readonly server: TestServer;
  /** Stops the server, then its Redis. */
  stop(): Promise<void>;
}

/** `prefix` names the run's Redis keys; `env` goes to the server. */
export async function startCachingServer(
  kind: StoreKind,
  prefix: string,
  env: Record<string, string> = {},
): Promise<CachingServer> {
  const redis = kind === "postgres" ? await startTestRedis() : null;
  try {
    const server = await startServer(
      { ...env, ...(redis && { REDIS_URL: redis.url, TACK_REDIS_PREFIX: `${prefix}_${Date.now()}:` }) },
      kind,
    );
    return {
      server,
      async stop() {
        await server.stop();
        await redis?.stop();
      },
    };
  } catch (error) {
    await redis?.stop();
    throw error;
  }
}

/** Store calls this app made so far (ops/instrumented-store.ts times each), of one method or all. */
export async function storeCalls(server: TestServer, op?: string): Promise<number> {
  const text = await server.app.ctx.metrics.registry.getSingleMetricAsString("tack_store_duration_seconds");
  return text
    .split("\n")
    .filter(
      (line) =>
        line.startsWith("tack_store_duration_seconds_count") &&
        (op === undefined || line.includes(`op="${op}"`)),
    )
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}
