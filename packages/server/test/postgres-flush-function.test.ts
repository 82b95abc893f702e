// Decision 0054: a transaction run before its lock is one statement, a call of a function made from
// this version's flush statement (board-tx-flush.ts LOCK_FLUSH_COMMIT), named by a hash of its text
// and created at start when missing, so every Tack version running calls its own. Proved on a real
// database: the function is there after a start, runs the flush as it is now after the gate and
// the row lock, and a second start (a second worker, a restart) leaves it as it was.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { FLUSH_SQL, LOCK_FLUSH_COMMIT } from "../src/store/postgres/board-tx-flush.ts";
import { createPostgresStore } from "../src/store/postgres.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

describe("the function a transaction run before its lock calls (decision 0054)", () => {
  let db: TempDatabase;
  let client: pg.Client;
  before(async () => {
    db = await createTempDatabase();
    await (await createPostgresStore(db.url)).close(); // migrates, and creates the function
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  after(async () => {
    await client.end();
    await db.drop();
  });

  const installed = async () =>
    (
      await client.query<{ oid: number; prosrc: string; provolatile: string }>(
        "SELECT oid, prosrc, provolatile FROM pg_proc WHERE proname LIKE 'tack_lock_flush_commit_%'",
      )
    ).rows;

  it("is this version's: named by the hash of its text, the flush as it is now, after the gate and the lock", async () => {
    const rows = await installed();
    assert.equal(rows.length, 1);
    const { prosrc: body, provolatile, oid } = rows[0]!;
    assert.ok(LOCK_FLUSH_COMMIT.create.includes(body), "the body this version creates");
    const [{ name }] = (await client.query<{ name: string }>("SELECT $1::oid::regproc::text AS name", [oid]))
      .rows as [{ name: string }];
    assert.equal(name, LOCK_FLUSH_COMMIT.name);
    assert.match(name, /^tack_lock_flush_commit_[0-9a-f]{16}$/);
    assert.equal(provolatile, "v", "volatile: each statement sees what committed before it");
    const flushAt = body.indexOf(FLUSH_SQL);
    assert.ok(flushAt > 0, "runs board-tx-flush.ts FLUSH_SQL word for word");
    assert.ok(body.indexOf("pg_advisory_xact_lock_shared(gate)") < flushAt);
    assert.ok(body.indexOf("FOR UPDATE") < flushAt, "the row is locked before the flush reads it");
  });

  it("a second start finds it and leaves it as it was", async () => {
    const [first] = await installed();
    await (await createPostgresStore(db.url)).close();
    assert.deepEqual(await installed(), [first]);
  });
});
