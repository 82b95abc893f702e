// Two Tack processes on one fresh PostgreSQL database and a private Redis, as the scale-out mode's
// workers: for tests of what one process does and the other must honour at once.
import { startTestRedis } from "./redis-server.ts";
import { type ServerProcess, startServerProcess } from "./server-process.ts";
import { createTempDatabase } from "./temp-postgres.ts";

export interface ProcessPair {
  readonly a: ServerProcess;
  readonly b: ServerProcess;
  /** Stops both processes, then Redis, and drops the database. */
  stop(): Promise<void>;
}

/** `prefix` names the run's Redis keys; `env` goes to both processes. */
export async function startProcessPair(
  prefix: string,
  env: Record<string, string> = {},
): Promise<ProcessPair> {
  const db = await createTempDatabase();
  const redis = await startTestRedis();
  const services = { databaseUrl: db.url, redisUrl: redis.url, redisPrefix: `${prefix}_${Date.now()}:` };
  const started: ServerProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((process) => process.stop()));
    await redis.stop();
    await db.drop();
  };
  try {
    started.push(await startServerProcess("a", services, env));
    started.push(await startServerProcess("b", services, env));
  } catch (error) {
    await stop(); // nothing left running when the second cannot start
    throw error;
  }
  return { a: started[0]!, b: started[1]!, stop };
}
