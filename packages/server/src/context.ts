// What every route and command receives: configuration, the stores, the commit feed, and the
// worker's lifecycle and metrics.
import type { FastifyBaseLogger } from "fastify";
import type { AuthServices } from "./auth/auth-services.ts";
import type { CredentialCache } from "./auth/credential-cache.ts";
import type { SessionFeed } from "./auth/session-feed.ts";
import type { BlobStore } from "./blobs/blob-store.ts";
import type { CommitFeed } from "./commands/commit-feed.ts";
import type { Config } from "./config.ts";
import type { Lifecycle } from "./ops/lifecycle.ts";
import type { Metrics } from "./ops/metrics.ts";
import type { Store } from "./store/store.ts";

export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  /** Attachment bytes: a local directory or an S3-compatible bucket. */
  readonly blobs: BlobStore;
  readonly commits: CommitFeed;
  readonly sessions: SessionFeed;
  /** Valid tokens and sessions seen recently (auth/credential-cache.ts). */
  readonly credentials: CredentialCache;
  /** Login throttling and credential use notes (auth/auth-services.ts). */
  readonly auth: AuthServices;
  readonly log: FastifyBaseLogger;
  /** Readiness checks and drain hooks for graceful shutdown (ops/lifecycle.ts). */
  readonly lifecycle: Lifecycle;
  /** Prometheus metrics of this worker (ops/metrics.ts). */
  readonly metrics: Metrics;
}
