// Assembles one Tack server process: HTTP framework, authentication, the API routes, the store
// and the commit feed. `main.ts` runs it; tests build it on a temporary database and port 0.
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import { MAX_BODY_BYTES } from "@tack/shared/limits";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import { MAX_ENCODED_FILE_NAME } from "./attachments/file-names.ts";
import { startAuthServices } from "./auth/auth-services.ts";
import { installAuthentication } from "./auth/authenticate.ts";
import { CredentialCache } from "./auth/credential-cache.ts";
import { SessionFeed } from "./auth/session-feed.ts";
import { openBlobStore } from "./blobs/open-blob-store.ts";
import { CommitFeed } from "./commands/commit-feed.ts";
import type { Config } from "./config.ts";
import type { AppContext } from "./context.ts";
import { installErrorHandling } from "./http/error-handler.ts";
import { installInputRules, installJsonBodies } from "./http/input.ts";
import { boundedServerFactory, installBodyTimeout } from "./http/request-bounds.ts";
import { installSecurityHeaders } from "./http/security-headers.ts";
import { installTokenRateLimit, TokenRateLimit } from "./http/token-rate-limit.ts";
import { pluralTrelloPath } from "./http/trello-paths.ts";
import { installWebApp } from "./http/web-app.ts";
import { type Notifications, startNotifications } from "./notifications/notifications.ts";
import { installHttpObservability } from "./ops/http-observability.ts";
import { instrumentStore } from "./ops/instrumented-store.ts";
import { Lifecycle } from "./ops/lifecycle.ts";
import { loggerOptions, requestIdOf } from "./ops/logging.ts";
import { Metrics } from "./ops/metrics.ts";
import { assertSafeForProduction } from "./ops/production-checks.ts";
import { type Realtime, startRealtime } from "./realtime/realtime.ts";
import { registerRoutes } from "./routes/index.ts";
import { openStore } from "./store/open-store.ts";
import type { Store } from "./store/store.ts";

export interface App {
  readonly http: FastifyInstance;
  readonly ctx: AppContext;
  readonly realtime: Realtime;
  /** The outbox worker and notification pushes (notifications/notifications.ts). */
  readonly notifications: Notifications;
  /** Stops taking requests, closes sockets and the store. */
  close(): Promise<void>;
  /** Closes what serving needs (real-time layer, blob and durable stores) once HTTP has stopped:
   * graceful shutdown stops HTTP itself, step by step (ops/shutdown.ts). */
  closeServices(): Promise<void>;
}

export interface AppOptions {
  /** Use this store instead of opening one from the configuration (tests share one). */
  store?: Store;
}

export async function buildApp(config: Config, options: AppOptions = {}): Promise<App> {
  assertSafeForProduction(config);
  const http = Fastify({
    logger: loggerOptions(config),
    // One log line per answered request comes from ops/http-observability.ts instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: MAX_BODY_BYTES,
    // A download URL ends with the file's name, percent-encoded: every name an upload accepts fits.
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true, maxParamLength: MAX_ENCODED_FILE_NAME },
    serverFactory: boundedServerFactory(config.limits),
    rewriteUrl: (request) => pluralTrelloPath(request.url ?? "/"),
    // X-Forwarded-For is believed only from the configured proxies (the cluster supervisor names
    // its HAProxy); from anyone else a client could pick its own address and dodge login limits.
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // While shutting down, requests on open keep-alive connections are still served (with
    // `Connection: close`) instead of Fastify's default 503: HAProxy has already stopped sending.
    return503OnClosing: false,
  });
  const metrics = new Metrics(config.instanceId);
  const lifecycle = new Lifecycle();
  const store = options.store ?? (await openStore(config));
  const blobs = await openBlobStore(config.attachments.store);
  const sessions = new SessionFeed();
  const credentials = new CredentialCache(config.credentialCacheMs);
  const instrumented = instrumentStore(store, metrics);
  metrics.watchBoardCache(() => store.boardCacheStats());
  const auth = await startAuthServices(config, instrumented, sessions, credentials, http.log);
  const ctx: AppContext = {
    config,
    store: instrumented,
    blobs,
    commits: new CommitFeed(),
    sessions,
    credentials,
    auth,
    log: http.log,
    lifecycle,
    metrics,
  };
  lifecycle.addReadinessCheck("store", () => store.ping());
  installHttpObservability(http, lifecycle, metrics);
  ctx.sessions.listen((ended) => ctx.credentials.forget(ended));

  // JSON (a board read is mostly repeated keys: ~10x smaller) is compressed when the client asks;
  // brotli at quality 4 costs little CPU. Static assets are precompressed at build (web-app.ts).
  await http.register(fastifyCompress, { encodings: ["br", "gzip"] });
  await http.register(fastifyCookie);
  await http.register(fastifyFormbody, { bodyLimit: MAX_BODY_BYTES });
  installJsonBodies(http, MAX_BODY_BYTES);
  // Files stream through (routes/attachments.ts); the size limit is enforced there as bytes arrive.
  await http.register(fastifyMultipart, {
    limits: { fileSize: config.attachments.maxBytes + 1, files: 1, fields: 20, fieldSize: 16_384, parts: 25 },
  });
  await http.register(fastifyRateLimit, { global: false });
  installErrorHandling(http);
  installSecurityHeaders(http);
  // Before authentication, which looks up tokens from the query string.
  installInputRules(http);
  installBodyTimeout(http, config.limits);
  installAuthentication(http, ctx);
  // Trello's per-token API limit, shared by HTTP requests and socket writes of the same token.
  const tokenRateLimit = new TokenRateLimit(config.tokenRateLimit, 10_000);
  installTokenRateLimit(http, tokenRateLimit);
  const realtime = await startRealtime(ctx, http);
  const notifications = startNotifications(ctx, http, realtime.sockets);
  realtime.dispatchWritesTo(
    await registerRoutes(http, ctx, tokenRateLimit, [realtime.routes, notifications.routes]),
  );
  await installWebApp(http);

  return {
    http,
    ctx,
    realtime,
    notifications,
    async close() {
      await notifications.close();
      await realtime.close();
      await http.close();
      await blobs.close();
      await auth.close();
      if (!options.store) await store.close();
    },
    async closeServices() {
      await notifications.close();
      await realtime.close();
      await auth.close();
      await blobs.close();
      if (!options.store) await store.close();
    },
  };
}
