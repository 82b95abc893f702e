// The scale-out store: PostgreSQL through `pg`, shared by every worker on every machine, one class
// per concern in this folder, composed into the one `Store` the server holds.
//
// Two pools, so a board transaction can never starve the reads it makes: a command may read
// through the store (a member's profile, say) while its transaction holds a pooled connection. With
// one pool, enough such transactions at once would hold every connection and wait forever for one
// more. Inside one process, transactions of one board also queue in memory and commit in groups
// (BoardQueues, board-group.ts).

import { Pool } from "pg";
import { BoardObjectsCache } from "../board-objects-cache.ts";
import { ComposedStore } from "../composed-store.ts";
import { migratePostgres } from "../postgres-migrate.ts";
import type { SharedBoardCopies } from "../store.ts";
import { PostgresAccounts } from "./accounts.ts";
import { PostgresActionLog } from "./actions.ts";
import { BoardQueues, runBoardGroup } from "./board-group.ts";
import { WebhooksSeen } from "./board-transaction.ts";
import { PostgresBoardWriter } from "./board-writes.ts";
import { PostgresBoardReader } from "./boards.ts";
import { ignoreConnectionError, PostgresDatabase } from "./connection.ts";
import { PostgresInvitations } from "./invitations.ts";
import { PostgresNotifyStore } from "./notify.ts";
import { PostgresOrganizations } from "./organizations.ts";
import { PostgresPlaceholders } from "./placeholders.ts";
import { query } from "./query.ts";
import { PostgresSearch } from "./search.ts";
import { PostgresSessions } from "./sessions.ts";
import { PostgresWebhooks } from "./webhooks.ts";

export interface PostgresStoreOptions {
  /** Connections for reads and single-statement writes (default 6). */
  readConnections?: number;
  /** Connections for board transactions (default 4). */
  transactionConnections?: number;
  /** Freeze the board objects a read shares (board-objects-cache.ts): tests only. */
  checkSharedObjects?: boolean;
}

/** Opens the store and brings the database schema up to date. */
export async function createPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const store = new PostgresStore(url, options);
  try {
    await migratePostgres(store.pool);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}

export class PostgresStore extends ComposedStore {
  readonly kind = "postgres";
  readonly sharedCopies: SharedBoardCopies;
  readonly pool: Pool;
  private readonly txPool: Pool;
  private readonly queues: BoardQueues;

  constructor(url: string, options: PostgresStoreOptions = {}) {
    const pool = new Pool({ connectionString: url, max: options.readConnections ?? 6 });
    // Board transactions send some statements together in one write (query.ts `sentTogether`):
    // pipeline mode lets a statement go out before the answer to the one before it is in.
    const txPool = new Pool({
      connectionString: url,
      max: options.transactionConnections ?? 4,
      pipeline: true,
    });
    // Reads fill it; this process's commits carry it forward, and so do the other processes'
    // (board-objects-cache.ts, decision 0050).
    const boardCache = new BoardObjectsCache({ checkShared: options.checkSharedObjects ?? false });
    const webhooks = new WebhooksSeen();
    const queues = new BoardQueues((boardId, jobs) =>
      runBoardGroup(txPool, boardId, jobs, boardCache, webhooks),
    );
    const db = new PostgresDatabase(pool);
    const boards = new PostgresBoardReader(db, boardCache);
    super({
      accounts: new PostgresAccounts(db),
      sessions: new PostgresSessions(db),
      organizations: new PostgresOrganizations(db),
      invitations: new PostgresInvitations(db),
      boards,
      boardWrites: new PostgresBoardWriter(db, txPool, queues, boardCache, webhooks, (boardId) =>
        boards.loadBoard(boardId),
      ),
      actions: new PostgresActionLog(db),
      placeholders: new PostgresPlaceholders(db),
      search: new PostgresSearch(db),
      notify: new PostgresNotifyStore(pool),
      webhooks: new PostgresWebhooks(pool),
    });
    this.sharedCopies = boardCache;
    this.pool = pool;
    this.txPool = txPool;
    this.queues = queues;
    // An idle connection that drops (a database restart) is replaced on next use: not fatal.
    this.pool.on("error", ignoreConnectionError);
    this.txPool.on("error", ignoreConnectionError);
  }

  async close(): Promise<void> {
    await this.queues.drain();
    await Promise.all([this.pool.end(), this.txPool.end()]);
  }

  async ping(): Promise<void> {
    await query(this.pool, "SELECT 1");
  }
}
