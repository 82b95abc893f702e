// The embedded default store: SQLite in one file (connection.ts), one class per concern in this
// folder, composed into the one `Store` the server holds.
import { BoardObjectsCache } from "../board-objects-cache.ts";
import { ComposedStore } from "../composed-store.ts";
import { SqliteAccounts } from "./accounts.ts";
import { SqliteActionLog } from "./actions.ts";
import { SqliteBoardWriter } from "./board-writes.ts";
import { SqliteBoardReader } from "./boards.ts";
import { SqliteConnection } from "./connection.ts";
import { SqliteInvitations } from "./invitations.ts";
import { SqliteNotifyStore } from "./notify.ts";
import { SqliteOrganizations } from "./organizations.ts";
import { SqlitePlaceholders } from "./placeholders.ts";
import { SqliteSearch } from "./search.ts";
import { SqliteSessions } from "./sessions.ts";
import { SqliteWebhooks } from "./webhooks.ts";

export class SqliteStore extends ComposedStore {
  readonly kind = "sqlite";
  readonly sharedCopies = null;
  private readonly db: SqliteConnection;

  /** Opens (or creates) the database file and brings its schema up to date; ":memory:" for tests.
   * `checkSharedObjects` freezes the board objects a read shares (board-objects-cache.ts): tests only. */
  constructor(path: string, options: { checkSharedObjects?: boolean } = {}) {
    const db = new SqliteConnection(path);
    // One process writes SQLite: its commits carry the cache forward (board-objects-cache.ts).
    const boardCache = new BoardObjectsCache({ checkShared: options.checkSharedObjects ?? false });
    super({
      accounts: new SqliteAccounts(db),
      sessions: new SqliteSessions(db),
      organizations: new SqliteOrganizations(db),
      invitations: new SqliteInvitations(db),
      boards: new SqliteBoardReader(db, boardCache),
      boardWrites: new SqliteBoardWriter(db, boardCache),
      actions: new SqliteActionLog(db),
      placeholders: new SqlitePlaceholders(db),
      search: new SqliteSearch(db),
      notify: new SqliteNotifyStore({
        read: (sql) => db.r(sql),
        write: (sql) => db.w(sql),
        serialized: (work) => db.serialized(work),
      }),
      webhooks: new SqliteWebhooks(db),
    });
    this.db = db;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async ping(): Promise<void> {
    this.db.r("SELECT 1").get();
  }
}
