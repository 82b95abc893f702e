// Trello's per-token API limit: at most `max` requests per token in each window, counted alike
// whether they come over HTTP or as socket writes (one counter per token, in this process). The
// web client's cookie session is not subject to it.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { FastifyInstance } from "fastify";

/** Tokens remembered at once; the least recently used is forgotten first. */
const MAX_TRACKED = 10_000;

export interface Allowance {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window starts over. */
  readonly resetSeconds: number;
}

export class TokenRateLimitExceeded extends TackError {
  readonly allowance: Allowance;
  constructor(allowance: Allowance) {
    super(ErrorCode.rateLimited, "Too many requests: slow down and retry later");
    this.allowance = allowance;
  }
}

export class TokenRateLimit {
  private readonly windows = new Map<string, { started: number; count: number }>();
  readonly max: number;
  readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Counts one request of the token; throws TokenRateLimitExceeded past the limit. */
  take(tokenId: string, now: number = Date.now()): Allowance {
    let window = this.windows.get(tokenId);
    if (window) this.windows.delete(tokenId);
    if (!window || window.started + this.windowMs <= now) window = { started: now, count: 0 };
    window.count += 1;
    this.windows.set(tokenId, window);
    if (this.windows.size > MAX_TRACKED) this.windows.delete(this.windows.keys().next().value!);
    const allowance = {
      limit: this.max,
      remaining: Math.max(0, this.max - window.count),
      resetSeconds: Math.ceil((window.started + this.windowMs - now) / 1000),
    };
    if (window.count > this.max) throw new TokenRateLimitExceeded(allowance);
    return allowance;
  }
}

/** Applies the limit to every HTTP request made with an API token (after authentication). */
export function installTokenRateLimit(http: FastifyInstance, limit: TokenRateLimit): void {
  http.addHook("preHandler", (request, reply, done) => {
    const actor = request.actor;
    if (actor.kind !== "member" || actor.via !== "token") {
      done();
      return;
    }
    let allowance: Allowance;
    try {
      allowance = limit.take(actor.tokenId);
    } catch (error) {
      if (error instanceof TokenRateLimitExceeded)
        void reply.header("retry-after", String(error.allowance.resetSeconds));
      throw error;
    }
    void reply.headers({
      "x-ratelimit-limit": String(allowance.limit),
      "x-ratelimit-remaining": String(allowance.remaining),
      "x-ratelimit-reset": String(allowance.resetSeconds),
    });
    done();
  });
}
