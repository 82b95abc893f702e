// Two PostgreSQL stores on one temporary database, as two processes of one install: what the
// tests of a board transaction's statements and of its run before the lock start from.
import { after, before } from "node:test";
import { createPostgresStore, type PostgresStore } from "../../src/store/postgres.ts";
import { createTempDatabase, type TempDatabase } from "./temp-postgres.ts";

/** Two stores on one temporary database, as two processes: `store` (one transaction connection,
 * shared objects frozen) and `other`; made before the suite's tests and closed after them. */
export function twoProcessStores(): { store: PostgresStore; other: PostgresStore } {
  const pair = {} as { store: PostgresStore; other: PostgresStore };
  let db: TempDatabase;
  before(async () => {
    db = await createTempDatabase();
    // One transaction connection: a failed transaction must leave it usable for the next one.
    pair.store = await createPostgresStore(db.url, { checkSharedObjects: true, transactionConnections: 1 });
    pair.other = await createPostgresStore(db.url);
  });
  after(async () => {
    await pair.store.close();
    await pair.other.close();
    await db.drop();
  });
  return pair;
}
