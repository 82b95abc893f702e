// What login throttling and revocation need beyond the store, assembled for one process: with
// REDIS_URL, attempt counts shared by all workers and the cross-process revocation relay (on their
// own two Redis connections, so a busy real-time bus does not delay a logout); without, this
// process is the only one and keeps everything in memory.
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "../config.ts";
import { connectRedis, type RedisClients } from "../realtime/redis-clients.ts";
import type { Store } from "../store/store.ts";
import { MemoryAttemptCounter, RedisAttemptCounter } from "./attempt-counter.ts";
import type { CredentialCache } from "./credential-cache.ts";
import { CredentialUseRecorder } from "./credential-use.ts";
import { LoginThrottle } from "./login-throttle.ts";
import { RevocationRelay } from "./revocation-relay.ts";
import type { SessionFeed } from "./session-feed.ts";

export interface AuthServices {
  readonly throttle: LoginThrottle;
  readonly uses: CredentialUseRecorder;
  close(): Promise<void>;
}

export async function startAuthServices(
  config: Config,
  store: Store,
  sessions: SessionFeed,
  credentials: CredentialCache,
  log: FastifyBaseLogger,
): Promise<AuthServices> {
  const warned = new Map<string, number>();
  // One line per problem per 10 s: an outage must not flood the log.
  const warn = (message: string, error?: unknown) => {
    const now = Date.now();
    if (now - (warned.get(message) ?? 0) < 10_000) return;
    warned.set(message, now);
    log.warn({ err: error }, message);
  };
  const redis: RedisClients | null = config.redisUrl
    ? await connectRedis(config.redisUrl, `${config.instanceId}-auth`, (error) => warn("auth: redis", error))
    : null;
  if (redis) {
    const relay = new RevocationRelay({
      publisher: redis.command,
      subscriber: redis.subscriber,
      channel: `${config.redisPrefix}revocations`,
      instanceId: config.instanceId,
      feed: sessions,
      waitMs: config.revocationWaitMs,
      onResubscribed: () => credentials.clear(),
      onProblem: (message, error) => log.error({ err: error }, message),
    });
    credentials.onlyWhile(() => relay.healthy());
    sessions.relayWith((ended) => relay.broadcast(ended));
  } else if (config.databaseUrl) {
    // PostgreSQL without Redis may mean several processes that cannot tell each other about a
    // revocation: ask the database every time instead of trusting a cache.
    credentials.onlyWhile(() => false);
  }
  const counter = redis
    ? new RedisAttemptCounter(redis.command, `${config.redisPrefix}attempts:`, (error) =>
        warn("auth: Redis unavailable, counting login attempts in this process", error),
      )
    : new MemoryAttemptCounter();
  return {
    throttle: new LoginThrottle(counter, {
      perAddressPerMinute: config.authRateLimit,
      accountFailures: config.loginAccountFailures,
      deviceFailures: config.loginDeviceFailures,
      lockoutMs: config.loginLockoutMs,
    }),
    uses: new CredentialUseRecorder(store, (error) =>
      warn("auth: could not record a credential's use", error),
    ),
    async close() {
      await redis?.close();
    },
  };
}
