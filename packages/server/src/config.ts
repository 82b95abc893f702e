// The one place that reads the environment. Everything else receives a Config.
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { Limits } from "@tack/shared/limits";

export interface Config {
  /** Port to listen on (0 = any free port, for tests). */
  port: number;
  host: string;
  /** The URL people use to reach Tack; WebSocket Origins are checked against it. */
  publicUrl: string;
  /** TACK_PUBLIC_URL was given: only that origin (and TACK_ALLOWED_ORIGINS) may write with a
   * cookie. Without it, a page on a loopback name may too (auth/origin.ts). */
  publicUrlConfigured: boolean;
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
  /** Freeze the board objects a board read shares between callers, so a caller changing one
   * throws (TACK_CHECK_SHARED_OBJECTS=1; the test suite sets it; costs ~3 ms per 1,000 cards). */
  checkSharedObjects: boolean;
  /** How long a process trusts a token or session it has checked (0 = always ask the store). */
  credentialCacheMs: number;
  /** Requests per 10 s a personal API token may make (Trello allows 100 per token). */
  tokenRateLimit: number;
  /** Login and signup attempts per minute per client address. */
  authRateLimit: number;
  /** Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed; from
   * anyone else the header is ignored and the connection's address is the client's. */
  trustedProxies: string[];
  /** Failed logins to one account from browsers it does not know, per lockout window. */
  loginAccountFailures: number;
  /** Failed logins from one browser that logged in to the account before, per lockout window. */
  loginDeviceFailures: number;
  loginLockoutMs: number;
  /** How long a revocation waits for every other process to confirm it dropped the credential. */
  revocationWaitMs: number;
  /** How long a password reset link works. */
  passwordResetMs: number;
  logLevel: string;
  /** Identifies this process in logs, metrics and pub/sub echo suppression. */
  instanceId: string;
  /** Graceful shutdown: time between turning not-ready and closing the listener, so HAProxy's
   * health check sees the worker go before its connections do. */
  drainDelayMs: number;
  /** Graceful shutdown ends within this time; connections still open then are cut. */
  shutdownTimeoutMs: number;
  /** Graceful shutdown closes WebSockets this many at a time, this far apart, so their clients
   * reconnect to the other workers spread out instead of all at once. */
  drainBatchSize: number;
  drainBatchIntervalMs: number;
  attachments: AttachmentConfig;
  limits: ExhaustionLimits;
  /** E-mail; null (the default) = notifications stay in the app and no mail is sent. */
  email: EmailConfig | null;
  /** How often the lease holder looks for due dates that reached their reminder
   * (TACK_REMINDER_INTERVAL_MS). */
  reminderIntervalMs: number;
  /** How long delivered outbox entries are kept before they are deleted (TACK_OUTBOX_RETENTION_HOURS). */
  outboxRetentionMs: number;
  webhooks: WebhookConfig;
}

/** Webhook callbacks and their delivery (docs/operations.md, "Webhooks"). */
export interface WebhookConfig {
  /** Callbacks may reach loopback, link-local and private addresses (TACK_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Addresses or CIDR ranges allowed even though private (TACK_WEBHOOK_ALLOWED_ADDRESSES). */
  allowedAddresses: string[];
  /** Keys every token's webhook secret (TACK_WEBHOOK_SECRET); unset = one made and kept per install. */
  secret: string | undefined;
  /** Waits before each retry of a failed delivery (TACK_WEBHOOK_RETRY_DELAYS_MS, comma-separated). */
  retryDelaysMs: number[];
  /** Consecutive failed attempts after which a webhook is switched off (TACK_WEBHOOK_DISABLE_FAILURES)… */
  disableAfterFailures: number;
  /** …once it has been failing for this long (TACK_WEBHOOK_DISABLE_AFTER_MS). */
  disableAfterMs: number;
  /** A callback must answer within this time (TACK_WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** How often the sender looks for deliveries another process fanned out or a backoff made due. */
  pollMs: number;
}

/** Bounds that keep one client from holding the process's connections and file descriptors. */
export interface ExhaustionLimits {
  /** A request's headers must arrive within this time (TACK_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** A JSON or form body must arrive within this time of its headers (TACK_BODY_TIMEOUT_MS). */
  bodyTimeoutMs: number;
  /** A whole request, file uploads included, must arrive within this time (TACK_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** Open WebSockets per client address (TACK_SOCKETS_PER_ADDRESS). */
  socketsPerAddress: number;
  /** Open WebSockets without a logged-in person, per process (TACK_ANONYMOUS_SOCKETS). */
  anonymousSockets: number;
  /** A socket with no board subscribed for this long is closed (TACK_SOCKET_IDLE_MS). */
  socketIdleMs: number;
  /** File descriptors kept free for HTTP, health checks, the store and files: WebSockets are
   * refused once the process's open descriptors come this close to its limit (TACK_FD_HEADROOM;
   * default: a quarter of the limit, at most 1024). */
  fdHeadroom: number | undefined;
}

export interface EmailConfig {
  /** Where to submit mail: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string;
  /** The sender, e.g. `Tack <tack@example.com>`. */
  from: string;
  /** How often people who chose a summary get one. */
  digestIntervalMs: number;
}

/** Where attachment bytes live: a local directory (embedded default) or an S3-compatible bucket. */
export type BlobStoreConfig =
  | { kind: "local"; directory: string }
  | {
      kind: "s3";
      bucket: string;
      /** Omit for AWS itself; set for MinIO, Ceph, R2, … */
      endpoint: string | undefined;
      region: string;
      /** `https://host/bucket/key` instead of `https://bucket.host/key` (most self-hosted servers). */
      forcePathStyle: boolean;
      /** Omit both to use the SDK's default credential chain (instance roles, profiles, …). */
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
      /** Key prefix inside the bucket, so one bucket can serve several deployments. */
      prefix: string;
      /** Answer downloads with a redirect to a short-lived presigned URL instead of streaming. */
      presignedDownloads: boolean;
      presignSeconds: number;
    };

export interface AttachmentConfig {
  store: BlobStoreConfig;
  /** Largest file accepted (Trello's paid plans: 250 MB). */
  maxBytes: number;
  /** Trello's limits; lowering them is allowed (tests, small installs). */
  perCard: number;
  perBoard: number;
  /** Images larger than this get no thumbnails (decoding them would take too long). */
  previewMaxBytes: number;
  /** Largest avatar and custom board background a member may upload (decision 0034). */
  avatarMaxBytes: number;
  backgroundMaxBytes: number;
}

type Env = Record<string, string | undefined>;

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "true" && raw !== "false") throw new Error(`${name} must be true or false, got "${raw}"`);
  return raw === "true";
}

function blobStoreConfig(env: Env, dataDir: string): BlobStoreConfig {
  const bucket = env.TACK_S3_BUCKET;
  if (!bucket)
    return { kind: "local", directory: resolve(env.TACK_ATTACHMENTS_DIR ?? resolve(dataDir, "attachments")) };
  const accessKeyId = env.TACK_S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.TACK_S3_SECRET_ACCESS_KEY || undefined;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    throw new Error("Set both TACK_S3_ACCESS_KEY_ID and TACK_S3_SECRET_ACCESS_KEY, or neither");
  return {
    kind: "s3",
    bucket,
    endpoint: env.TACK_S3_ENDPOINT || undefined,
    region: env.TACK_S3_REGION || "us-east-1",
    forcePathStyle: flag(env, "TACK_S3_FORCE_PATH_STYLE", false),
    accessKeyId,
    secretAccessKey,
    prefix: env.TACK_S3_PREFIX ?? "",
    presignedDownloads: flag(env, "TACK_S3_PRESIGNED_DOWNLOADS", false),
    presignSeconds: integer(env, "TACK_S3_PRESIGN_SECONDS", 300),
  };
}

function integer(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function delays(env: Env, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  return list(raw).map((part) => {
    const value = Number(part);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`${name} must be comma-separated non-negative integers, got "${raw}"`);
    return value;
  });
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, "PORT", 8080);
  const host = env.HOST ?? "0.0.0.0";
  const production = env.NODE_ENV === "production";
  const publicUrl = (env.TACK_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, "");
  const dataDir = resolve(env.TACK_DATA_DIR ?? "data");
  return {
    port,
    host,
    publicUrl,
    publicUrlConfigured: Boolean(env.TACK_PUBLIC_URL),
    allowedOrigins: list(env.TACK_ALLOWED_ORIGINS),
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
    checkSharedObjects: env.TACK_CHECK_SHARED_OBJECTS === "1",
    credentialCacheMs: integer(env, "TACK_CREDENTIAL_CACHE_MS", 30_000),
    tokenRateLimit: integer(env, "TACK_TOKEN_RATE_LIMIT", 1000),
    authRateLimit: integer(env, "TACK_AUTH_RATE_LIMIT", 20),
    trustedProxies: list(env.TACK_TRUSTED_PROXIES),
    loginAccountFailures: integer(env, "TACK_LOGIN_ACCOUNT_FAILURES", 10),
    loginDeviceFailures: integer(env, "TACK_LOGIN_DEVICE_FAILURES", 10),
    loginLockoutMs: integer(env, "TACK_LOGIN_LOCKOUT_MINUTES", 15) * 60_000,
    revocationWaitMs: integer(env, "TACK_REVOCATION_WAIT_MS", 2_000),
    passwordResetMs: integer(env, "TACK_PASSWORD_RESET_HOURS", 24) * 3_600_000,
    logLevel: env.LOG_LEVEL ?? (production ? "info" : "warn"),
    instanceId: env.TACK_INSTANCE_ID ?? `${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    drainDelayMs: integer(env, "TACK_DRAIN_DELAY_MS", production ? 2_000 : 0),
    shutdownTimeoutMs: integer(env, "TACK_SHUTDOWN_TIMEOUT_MS", 25_000),
    drainBatchSize: integer(env, "TACK_DRAIN_BATCH_SIZE", 250),
    drainBatchIntervalMs: integer(env, "TACK_DRAIN_BATCH_INTERVAL_MS", 100),
    attachments: {
      store: blobStoreConfig(env, dataDir),
      maxBytes: integer(env, "TACK_ATTACHMENT_MAX_BYTES", 250 * 1024 * 1024),
      perCard: integer(env, "TACK_ATTACHMENTS_PER_CARD", Limits.attachmentsPerCard),
      perBoard: integer(env, "TACK_ATTACHMENTS_PER_BOARD", Limits.attachmentsPerBoard),
      previewMaxBytes: integer(env, "TACK_PREVIEW_MAX_BYTES", 50 * 1024 * 1024),
      avatarMaxBytes: integer(env, "TACK_AVATAR_MAX_BYTES", 2 * 1024 * 1024),
      backgroundMaxBytes: integer(env, "TACK_BACKGROUND_MAX_BYTES", 10 * 1024 * 1024),
    },
    limits: {
      headersTimeoutMs: integer(env, "TACK_HEADERS_TIMEOUT_MS", 10_000),
      bodyTimeoutMs: integer(env, "TACK_BODY_TIMEOUT_MS", 30_000),
      requestTimeoutMs: integer(env, "TACK_REQUEST_TIMEOUT_MS", 600_000),
      socketsPerAddress: integer(env, "TACK_SOCKETS_PER_ADDRESS", 200),
      anonymousSockets: integer(env, "TACK_ANONYMOUS_SOCKETS", 2_000),
      socketIdleMs: integer(env, "TACK_SOCKET_IDLE_MS", 60_000),
      fdHeadroom: env.TACK_FD_HEADROOM ? integer(env, "TACK_FD_HEADROOM", 0) : undefined,
    },
    reminderIntervalMs: integer(env, "TACK_REMINDER_INTERVAL_MS", 30_000),
    outboxRetentionMs: integer(env, "TACK_OUTBOX_RETENTION_HOURS", 168) * 3_600_000,
    email: env.TACK_SMTP_URL
      ? {
          smtpUrl: env.TACK_SMTP_URL,
          from: env.TACK_MAIL_FROM ?? `Tack <tack@${new URL(publicUrl).hostname}>`,
          digestIntervalMs: integer(env, "TACK_MAIL_DIGEST_HOURS", 24) * 3_600_000,
        }
      : null,
    webhooks: {
      allowPrivate: flag(env, "TACK_WEBHOOK_ALLOW_PRIVATE", false),
      allowedAddresses: list(env.TACK_WEBHOOK_ALLOWED_ADDRESSES),
      secret: env.TACK_WEBHOOK_SECRET || undefined,
      // Trello retries a failed delivery three times, waiting 30 s, 60 s and 120 s.
      retryDelaysMs: delays(env, "TACK_WEBHOOK_RETRY_DELAYS_MS", [30_000, 60_000, 120_000]),
      // Trello switches a webhook off after 1000 consecutive failures spanning 30 days.
      disableAfterFailures: integer(env, "TACK_WEBHOOK_DISABLE_FAILURES", 1000),
      disableAfterMs: integer(env, "TACK_WEBHOOK_DISABLE_AFTER_MS", 30 * 86_400_000),
      timeoutMs: integer(env, "TACK_WEBHOOK_TIMEOUT_MS", 10_000),
      pollMs: integer(env, "TACK_WEBHOOK_POLL_MS", 250),
    },
  };
}

/** The scale-out process model on one machine: workers on consecutive ports behind HAProxy. */
export interface ClusterConfig {
  /** Worker processes (TACK_WORKERS; default: one per CPU core). */
  workers: number;
  /** Worker i listens on basePort + i (TACK_BASE_PORT). */
  basePort: number;
  /** Address the workers listen on (TACK_WORKER_HOST): loopback, unless HAProxy runs elsewhere
   * (another container). */
  workerHost: string;
  /** Run HAProxy in front of the workers (TACK_HAPROXY=false to run your own). */
  haproxy: boolean;
  /** HAProxy's plain HTTP listener (TACK_HTTP_BIND). */
  httpBind: string;
  /** HAProxy's TLS listener (TACK_HTTPS_BIND) and certificate + key PEM (TACK_TLS_PEM). */
  httpsBind: string | undefined;
  tlsPemFile: string | undefined;
  /** Redirect plain HTTP to HTTPS (TACK_REDIRECT_HTTP=true; needs TLS). */
  redirectHttp: boolean;
  /** HAProxy's stats page and its own Prometheus metrics (TACK_HAPROXY_STATS_BIND; "" for none). */
  statsBind: string | undefined;
  /** HAProxy's connection limit (TACK_HAPROXY_MAXCONN); each connection needs two file descriptors. */
  maxConnections: number;
  /** HAProxy health check interval (TACK_HAPROXY_CHECK_MS). */
  checkIntervalMs: number;
  /** Where the supervisor keeps cluster.json, haproxy.cfg and the runtime API socket. */
  runDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
}

export function loadClusterConfig(env: Env = process.env): ClusterConfig {
  const dataDir = resolve(env.TACK_DATA_DIR ?? "data");
  const tlsPemFile = env.TACK_TLS_PEM || undefined;
  return {
    workers: integer(env, "TACK_WORKERS", availableParallelism()),
    basePort: integer(env, "TACK_BASE_PORT", 3001),
    workerHost: env.TACK_WORKER_HOST ?? "127.0.0.1",
    haproxy: env.TACK_HAPROXY !== "false",
    httpBind: env.TACK_HTTP_BIND ?? ":8080",
    httpsBind: env.TACK_HTTPS_BIND || (tlsPemFile ? ":8443" : undefined),
    tlsPemFile: tlsPemFile && resolve(tlsPemFile),
    redirectHttp: env.TACK_REDIRECT_HTTP === "true",
    statsBind: env.TACK_HAPROXY_STATS_BIND ?? "127.0.0.1:8404",
    maxConnections: integer(env, "TACK_HAPROXY_MAXCONN", 8_000),
    checkIntervalMs: integer(env, "TACK_HAPROXY_CHECK_MS", 1_000),
    runDir: resolve(env.TACK_RUN_DIR ?? resolve(dataDir, "run")),
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
  };
}

/** The environment a supervised worker inherits (the supervisor adds its port and name). */
export function inheritedEnvironment(): Env {
  return { ...process.env };
}
