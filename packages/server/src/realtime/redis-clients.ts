// The Redis connections of the scale-out mode: one for commands (lists, epoch, publish, presence)
// and one in subscriber mode. Commands fail fast while Redis is away instead of queueing without
// bound: everything in Redis is rebuildable, and every reader falls back to the durable store.
import { Redis } from "ioredis";

const READY_WAIT_MS = 5_000;

export interface RedisClients {
  command: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

function connect(url: string, name: string, failFast: boolean): Redis {
  return new Redis(url, {
    connectionName: name,
    enableOfflineQueue: !failFast,
    maxRetriesPerRequest: failFast ? 1 : null,
    // Reconnect forever, quickly at first, then every 2 s.
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
  });
}

function ready(redis: Redis): Promise<void> {
  if (redis.status === "ready") return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, READY_WAIT_MS);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Connects both clients; waits a little for Redis, but starts without it (it may come later). */
export async function connectRedis(
  url: string,
  instanceId: string,
  onError: (error: Error) => void,
): Promise<RedisClients> {
  const command = connect(url, `tack-${instanceId}`, true);
  const subscriber = connect(url, `tack-${instanceId}-sub`, false);
  command.on("error", onError);
  subscriber.on("error", onError);
  await Promise.all([ready(command), ready(subscriber)]);
  return {
    command,
    subscriber,
    async close() {
      command.disconnect();
      subscriber.disconnect();
    },
  };
}
