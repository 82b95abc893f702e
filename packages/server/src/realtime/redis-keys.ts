// Every key and channel Tack uses in Redis, in one place, all under the configured prefix so
// several deployments or test runs can share one Redis.
export function redisKeys(prefix: string) {
  return {
    /** The recent-change lists' epoch (see change-list.ts). */
    epoch: `${prefix}epoch`,
    /** One sorted set per board: score = seq, member = the serialized change. */
    recent: (board: string) => `${prefix}recent:${board}`,
    /** The pub/sub channel every process publishes committed changes on. */
    changes: `${prefix}changes`,
    /** Who is viewing a board: a sorted set of viewer ids scored by last-seen time. */
    viewers: (board: string) => `${prefix}viewers:${board}`,
  } as const;
}
export type RedisKeys = ReturnType<typeof redisKeys>;
