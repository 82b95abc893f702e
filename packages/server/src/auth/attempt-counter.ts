// Counts attempts per key within a window, for login throttling. Behind HAProxy the attempts of one
// client land on every worker, so with Redis the counts live there (one INCR per attempt) and all
// processes share them; the embedded default has one process and counts in memory. If Redis is
// unreachable the process counts alone rather than refusing every login: still a limit, per process.
import type { Redis } from "ioredis";

export interface AttemptCounter {
  /** Adds one attempt; returns the attempts in the current window, this one included. */
  hit(key: string, windowMs: number): Promise<number>;
  /** Attempts in the current window. */
  count(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly windows = new Map<string, { count: number; until: number }>();

  async hit(key: string, windowMs: number): Promise<number> {
    const now = Date.now();
    this.sweep(now);
    const current = this.windows.get(key);
    if (current && current.until > now) return ++current.count;
    this.windows.set(key, { count: 1, until: now + windowMs });
    return 1;
  }

  async count(key: string): Promise<number> {
    const current = this.windows.get(key);
    return current && current.until > Date.now() ? current.count : 0;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  /** Drops ended windows now and then, so many one-off addresses do not pile up. */
  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (window.until <= now) this.windows.delete(key);
  }
}

export class RedisAttemptCounter implements AttemptCounter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly fallback = new MemoryAttemptCounter();
  private readonly onError: (error: unknown) => void;

  constructor(redis: Redis, prefix: string, onError: (error: unknown) => void) {
    this.redis = redis;
    this.prefix = prefix;
    this.onError = onError;
  }

  async hit(key: string, windowMs: number): Promise<number> {
    try {
      // The window starts with the first attempt (NX): later attempts do not extend it.
      const replies = await this.redis
        .multi()
        .incr(this.prefix + key)
        .pexpire(this.prefix + key, windowMs, "NX")
        .exec();
      const count = replies?.[0]?.[1];
      if (typeof count !== "number") throw new Error("Redis did not answer INCR");
      return count;
    } catch (error) {
      this.onError(error);
      return this.fallback.hit(key, windowMs);
    }
  }

  async count(key: string): Promise<number> {
    try {
      return Number((await this.redis.get(this.prefix + key)) ?? 0);
    } catch (error) {
      this.onError(error);
      return this.fallback.count(key);
    }
  }

  async reset(key: string): Promise<void> {
    await this.fallback.reset(key);
    await this.redis.del(this.prefix + key).catch(this.onError);
  }
}
