// Boards imported before custom fields were board objects kept their definitions in the board
// document. The schema migration moves them out, on both stores: afterwards they are objects of
// kind `customField` (read by id, in the snapshot) and the board document no longer holds them.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { after, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { Pool } from "pg";
import { createPostgresStore } from "../src/store/postgres.ts";
import { migratePostgres } from "../src/store/postgres-migrate.ts";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres-schema.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { SQLITE_MIGRATIONS } from "../src/store/sqlite-schema.ts";
import type { Store } from "../src/store/store.ts";
import { freshPostgresDatabase } from "./harness.ts";
import { aCustomField } from "./support/store-fixtures.ts";

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const board = newId();
const plain = newId();
const fields = [
  aCustomField(board, { name: "Stage", pos: 1 }),
  aCustomField(board, { name: "Budget", type: "number", options: [], pos: 2 }),
];
/** The board document as an import wrote it before this version, and one board that never had fields. */
const oldDocs = [
  [board, "oldboard", JSON.stringify({ id: board, name: "Imported", customFields: fields })],
  [plain, "plainbrd", JSON.stringify({ id: plain, name: "Plain" })],
];

/** The migrations before this one (others may be appended after it). */
const before = (migrations: readonly string[]) =>
  migrations.slice(
    0,
    migrations.findIndex((m) => m.includes("'customField'")),
  );

async function assertMoved(store: Store): Promise<void> {
  const snapshot = await store.loadBoard(board);
  assert.deepEqual(
    [...(snapshot?.customFields ?? [])].sort((a, b) => a.pos - b.pos),
    fields,
  );
  assert.equal("customFields" in snapshot!.board, false, "the board document no longer holds them");
  assert.deepEqual(await store.objectById("customField", fields[0]!.id), fields[0]);
  assert.deepEqual((await store.loadBoard(plain))?.customFields, []);
}

test("sqlite: the migration moves custom fields out of the board document", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tack-cf-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "tack.db");
  const db = new DatabaseSync(path);
  for (const migration of before(SQLITE_MIGRATIONS)) db.exec(migration);
  db.exec(`PRAGMA user_version = ${before(SQLITE_MIGRATIONS).length}`);
  const insert = db.prepare(
    "INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES (?, ?, NULL, 0, ?)",
  );
  for (const row of oldDocs) insert.run(...row);
  db.close();
  const store = new SqliteStore(path);
  cleanups.push(() => store.close());
  await assertMoved(store);
});

test("postgres: the migration moves custom fields out of the board document", async () => {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const pool = new Pool({ connectionString: database.url });
  await migratePostgres(pool, before(POSTGRES_MIGRATIONS));
  for (const row of oldDocs)
    await pool.query(
      "INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ($1, $2, NULL, 0, $3)",
      row,
    );
  await pool.end();
  const store = await createPostgresStore(database.url);
  cleanups.push(() => store.close());
  await assertMoved(store);
});
