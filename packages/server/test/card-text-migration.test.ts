// A card's search text is indexed when the card is made or its name or description changes, not on
// every write of the card (decision 0047-card-text-apart). A database from the schema version before
// is opened by this one on both stores: its cards are found, and then follow renames, moves,
// deletions and new cards; on PostgreSQL a move leaves the card's text row as it was.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import type { Card } from "@tack/shared/models";
import { Pool } from "pg";
import { createPostgresStore } from "../src/store/postgres.ts";
import { migratePostgres } from "../src/store/postgres-migrate.ts";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres-schema.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { SQLITE_MIGRATIONS } from "../src/store/sqlite-schema.ts";
import type { Store } from "../src/store/store.ts";
import { freshPostgresDatabase } from "./harness.ts";
import { aBoard, aCard, aList } from "./support/store-fixtures.ts";

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const board = aBoard();
const todo = aList(board.id, { name: "To do" });
const done = aList(board.id, { name: "Done" });
const kept = aCard(board.id, todo.id, { name: "Pelican migration notes", desc: "flyway over the estuary" });
const renamed = aCard(board.id, todo.id, { name: "Heron survey" });
const removed = aCard(board.id, todo.id, { name: "Cormorant count" });

/** The objects the version before wrote, as [id, kind, parent, short link, document]. */
const oldObjects: Array<[string, string, string | null, string | null, unknown]> = [
  [todo.id, "list", board.id, null, todo],
  [done.id, "list", board.id, null, done],
  ...[kept, renamed, removed].map(
    (c) => [c.id, "card", c.idList, c.shortLink, c] as [string, string, string, string, unknown],
  ),
];

const found = async (store: Store, term: string) =>
  (await store.matchCards([board.id], { all: [term], none: [] }, 10)).map((c) => c.id).sort();

/** The same checks on either store once it has migrated the old database. */
async function assertSearchFollowsWrites(store: Store): Promise<void> {
  assert.deepEqual(await found(store, "pelican"), [kept.id], "a card written before the migration is found");
  assert.deepEqual(await found(store, "ESTUARY"), [kept.id], "by its description too");
  const moved: Card = { ...kept, idList: done.id, pos: 1 };
  await store.transact(board.id, async (tx) => {
    await tx.put("card", moved);
    await tx.put("card", { ...renamed, name: "Egret survey" });
    await tx.remove("card", removed.id);
  });
  assert.deepEqual(await found(store, "pelican"), [kept.id], "a moved card is still found");
  assert.deepEqual(await found(store, "egret"), [renamed.id], "a renamed card is found by its new name");
  assert.deepEqual(await found(store, "heron"), [], "and not by its old one");
  assert.deepEqual(await found(store, "cormorant"), [], "a deleted card is not found");
  const fresh = aCard(board.id, todo.id, { name: "Spoonbill", desc: "seen at dawn" });
  await store.transact(board.id, (tx) => tx.put("card", fresh));
  assert.deepEqual(await found(store, "dawn"), [fresh.id], "a card made after the migration is found");
  await store.transact(board.id, (tx) => tx.put("card", { ...moved, desc: "flyway over the marsh" }));
  assert.deepEqual(await found(store, "marsh"), [kept.id], "an edited description is found");
  assert.deepEqual(await found(store, "estuary"), [], "and what it replaced is not");
}

test("sqlite: cards of the version before are found, and the index follows writes after", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tack-card-text-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "tack.db");
  const db = new DatabaseSync(path);
  const before = SQLITE_MIGRATIONS.length - 1;
  for (const migration of SQLITE_MIGRATIONS.slice(0, before)) db.exec(migration);
  db.exec(`PRAGMA user_version = ${before}`);
  db.prepare("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES (?, ?, NULL, 1, ?)").run(
    board.id,
    board.shortLink,
    JSON.stringify(board),
  );
  const insert = db.prepare(
    "INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES (?, ?, ?, ?, ?, 0, ?)",
  );
  for (const [id, kind, parent, shortLink, doc] of oldObjects)
    insert.run(id, board.id, kind, parent, shortLink, JSON.stringify(doc));
  db.close();
  const store = new SqliteStore(path);
  cleanups.push(() => store.close());
  await assertSearchFollowsWrites(store);
});

test("postgres: cards of the version before are found, the index follows writes after, and a move leaves a card's text row alone", async () => {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const pool = new Pool({ connectionString: database.url });
  cleanups.push(() => pool.end());
  await migratePostgres(pool, POSTGRES_MIGRATIONS.slice(0, -1));
  await pool.query("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ($1, $2, NULL, 1, $3)", [
    board.id,
    board.shortLink,
    JSON.stringify(board),
  ]);
  for (const [id, kind, parent, shortLink, doc] of oldObjects)
    await pool.query(
      "INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES ($1, $2, $3, $4, $5, false, $6)",
      [id, board.id, kind, parent, shortLink, JSON.stringify(doc)],
    );
  const store = await createPostgresStore(database.url);
  cleanups.push(() => store.close());
  // The row version (xmin) of a card's text: a write of the row gives it the writer's transaction.
  const textVersion = async (id: string) =>
    (await pool.query<{ v: string }>("SELECT xmin::text AS v FROM card_texts WHERE id = $1", [id])).rows[0]
      ?.v;
  const keptBefore = await textVersion(kept.id);
  const renamedBefore = await textVersion(renamed.id);
  assert.ok(keptBefore && renamedBefore, "the migration filled the text of the cards it found");
  await assertSearchFollowsWrites(store);
  // assertSearchFollowsWrites moved `kept`, then edited its description; `renamed` was renamed.
  assert.notEqual(await textVersion(renamed.id), renamedBefore, "a rename rewrites the text row");
  assert.equal(await textVersion(removed.id), undefined, "a deleted card's text row goes with it");
  const beforeMove = await textVersion(kept.id);
  await store.transact(board.id, (tx) =>
    tx.put("card", { ...kept, idList: todo.id, pos: 2, desc: "flyway over the marsh" }),
  );
  assert.equal(await textVersion(kept.id), beforeMove, "a move does not write the card's text again");
  assert.deepEqual(await found(store, "marsh"), [kept.id]);
});
