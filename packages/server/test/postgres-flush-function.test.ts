// Decision 0054: a transaction run before its lock is one statement, a call of a function made from
// this version's flush (board-tx-flush.ts LOCK_FLUSH_COMMIT, its writes those of FLUSH_SQL as
// statements of their own, decision 0066), named by a hash of its text and created at start when
// missing, so every Tack version running calls its own. Proved on a real database: the function is
// there after a start, takes the gate and the row lock before it writes, and a second start (a
// second worker, a restart) leaves it as it was. What it writes is proved by the store's tests.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { LOCK_FLUSH_COMMIT } from "../src/store/postgres/board-tx-flush.ts";
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

  it("is this version's: named by the hash of its text, writing after the gate and the lock", async () => {
    const rows = await installed();
    assert.equal(rows.length, 1);
    const { prosrc: body, provolatile, oid } = rows[0]!;
    assert.ok(LOCK_FLUSH_COMMIT.create.includes(body), "the body this version creates");
    const [{ name }] = (await client.query<{ name: string }>("SELECT $1::oid::regproc::text AS name", [oid]))
      .rows as [{ name: string }];
    assert.equal(name, LOCK_FLUSH_COMMIT.name);
    assert.match(name, /^tack_lock_flush_commit_[0-9a-f]{16}$/);
    assert.equal(provolatile, "v", "volatile: each statement sees what committed before it");
    const gateAt = body.indexOf("pg_advisory_xact_lock_shared(gate)");
    const lockAt = body.indexOf("FOR UPDATE");
    const firstWriteAt = Math.min(
      ...[
        "DELETE FROM objects",
        "INSERT INTO objects",
        "INSERT INTO actions",
        "INSERT INTO outbox",
        "UPDATE boards",
      ].map((write) => body.indexOf(write)),
    );
    assert.ok(gateAt > 0 && gateAt < lockAt, "the gate, then the row lock");
    assert.ok(lockAt < firstWriteAt, "the row is locked before anything is written");
  });

  it("a second start finds it and leaves it as it was", async () => {
    const [first] = await installed();
    await (await createPostgresStore(db.url)).close();
    assert.deepEqual(await installed(), [first]);
  });
});
