// PostgreSQL stores on one temporary database, as processes of one install: what the tests of a
// board transaction's statements, its run before the lock and the copies carried between
// processes start from.
import { after, before } from "node:test";
import type { BoardWrites } from "../../src/store/board-objects-cache.ts";
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

/** Three stores on one temporary database, as three processes, the writer's commits crossing to
 * the hearer by hand (`deliver`), as JSON as over Redis; made before the suite and closed after. */
export interface HandBus {
  /** Writes; what it commits is told, not yet delivered. */
  writer: PostgresStore;
  /** Holds copies (shared objects frozen) carried by what is delivered to it (decision 0050). */
  hearer: PostgresStore;
  /** Only reads, for what the database holds. */
  truth: PostgresStore;
  /** The writer's commits not delivered yet, in order (a test may take or drop some). */
  readonly told: BoardWrites[];
  /** Hands the hearer everything told since the last delivery, in order. */
  deliver(): void;
}

export function storesOverAHandBus(): HandBus {
  const told: BoardWrites[] = [];
  const bus = {
    told,
    deliver: () => {
      for (const writes of told.splice(0)) bus.hearer.sharedCopies.heard(writes);
    },
  } as HandBus;
  let db: TempDatabase;
  before(async () => {
    db = await createTempDatabase();
    bus.writer = await createPostgresStore(db.url);
    bus.hearer = await createPostgresStore(db.url, { checkSharedObjects: true });
    bus.truth = await createPostgresStore(db.url);
    // As over Redis: the writes leave as JSON and arrive parsed, nothing shared with the writer.
    bus.writer.sharedCopies.onCommitted((writes) => told.push(JSON.parse(JSON.stringify(writes))));
    bus.hearer.sharedCopies.hearOthers(); // as the bus says, in realtime.ts
  });
  after(async () => {
    await Promise.all([bus.writer.close(), bus.hearer.close(), bus.truth.close()]);
    await db.drop();
  });
  return bus;
}
