// What every route and command receives: configuration, the stores and the commit feed.
import type { FastifyBaseLogger } from "fastify";
import type { CredentialCache } from "./auth/credential-cache.ts";
import type { SessionFeed } from "./auth/session-feed.ts";
import type { BlobStore } from "./blobs/blob-store.ts";
import type { CommitFeed } from "./commands/commit-feed.ts";
import type { Config } from "./config.ts";
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
  readonly log: FastifyBaseLogger;
}
