// What every route and command receives: configuration, the store and the commit feed.
import type { FastifyBaseLogger } from "fastify";
import type { SessionFeed } from "./auth/session-feed.ts";
import type { CommitFeed } from "./commands/commit-feed.ts";
import type { Config } from "./config.ts";
import type { Store } from "./store/store.ts";

export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  readonly commits: CommitFeed;
  readonly sessions: SessionFeed;
  readonly log: FastifyBaseLogger;
}
