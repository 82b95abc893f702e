// The one place that reads the environment. Everything else receives a Config.
import { resolve } from "node:path";

export interface Config {
  /** Port to listen on (0 = any free port, for tests). */
  port: number;
  host: string;
  /** The URL people use to reach Tack; WebSocket Origins are checked against it. */
  publicUrl: string;
  /** Extra allowed browser Origins (comma-separated in TACK_ALLOWED_ORIGINS). */
  allowedOrigins: string[];
  dataDir: string;
  sqlitePath: string;
  /** When set, PostgreSQL is the durable store (scale-out mode). */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process: for reads, and for board transactions. */
  pgReadConnections: number;
  pgTransactionConnections: number;
  /** When set, Redis carries pub/sub and the recent-change lists (scale-out mode). */
  redisUrl: string | undefined;
  /** Prefix for every Redis key and channel, so several deployments or test runs share one Redis. */
  redisPrefix: string;
  production: boolean;
  /** Cookies get `Secure` (set when Tack is served over TLS, usually behind HAProxy). */
  secureCookies: boolean;
  sessionDays: number;
  /** Requests per 10 s a personal API token may make (Trello allows 100 per token). */
  tokenRateLimit: number;
  /** Login and signup attempts per minute per client address. */
  authRateLimit: number;
  logLevel: string;
  /** Identifies this process in logs, metrics and pub/sub echo suppression. */
  instanceId: string;
  /** Graceful shutdown: time between turning not-ready and closing the listener, so HAProxy's
   * health check sees the worker go before its connections do. */
  drainDelayMs: number;
  /** Graceful shutdown ends within this time; connections still open then are cut. */
  shutdownTimeoutMs: number;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, "PORT", 8080);
  const host = env.HOST ?? "0.0.0.0";
  const production = env.NODE_ENV === "production";
  const publicUrl = (env.TACK_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, "");
  const dataDir = resolve(env.TACK_DATA_DIR ?? "data");
  return {
    port,
    host,
    publicUrl,
    allowedOrigins: (env.TACK_ALLOWED_ORIGINS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    dataDir,
    sqlitePath: env.TACK_SQLITE_PATH ?? resolve(dataDir, "tack.db"),
    databaseUrl: env.DATABASE_URL || undefined,
    pgReadConnections: integer(env, "TACK_PG_READ_CONNECTIONS", 6),
    pgTransactionConnections: integer(env, "TACK_PG_TRANSACTION_CONNECTIONS", 4),
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.TACK_REDIS_PREFIX ?? "tack:",
    production,
    secureCookies: env.TACK_SECURE_COOKIES
      ? env.TACK_SECURE_COOKIES === "true"
      : publicUrl.startsWith("https:"),
    sessionDays: integer(env, "TACK_SESSION_DAYS", 30),
    tokenRateLimit: integer(env, "TACK_TOKEN_RATE_LIMIT", 1000),
    authRateLimit: integer(env, "TACK_AUTH_RATE_LIMIT", 20),
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "warn"),
    instanceId: env.TACK_INSTANCE_ID ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    drainDelayMs: integer(env, "TACK_DRAIN_DELAY_MS", production ? 2_000 : 0),
    shutdownTimeoutMs: integer(env, "TACK_SHUTDOWN_TIMEOUT_MS", 25_000),
  };
}
