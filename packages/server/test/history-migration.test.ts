// Change-log rows written before deleted and edited comments were scrubbed are scrubbed by the
// schema migration: a database from the first schema version, opened by this version, keeps no
// deleted comment text and no replaced text, on both stores.
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

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const board = newId();
const member = newId();
const kept = newId();
const deleted = newId();

/** The rows an old version wrote: a kept comment edited twice, a deleted comment edited once. */
function oldRows(): unknown[][] {
  const comment = (id: string, seq: number, text: string, hidden: boolean) => [
    id,
    board,
    seq,
    "commentCard",
    member,
    null,
    "2026-01-01T00:00:00.000Z",
    JSON.stringify({ text, card: { id: "c" } }),
    "{}",
    "[]",
    null,
    hidden,
  ];
  const edit = (seq: number, id: string, text: string, old: string) => [
    newId(),
    board,
    seq,
    "updateComment",
    member,
    null,
    "2026-01-01T00:00:00.000Z",
    JSON.stringify({ action: { id, text }, old: { text: old } }),
    "{}",
    "[]",
    null,
    false,
  ];
  return [
    comment(kept, 1, "current words", false),
    comment(deleted, 2, "deleted comment words", true),
    edit(3, kept, "middle words", "original words"),
    edit(4, kept, "current words", "middle words"),
    edit(5, deleted, "deleted edit words", "deleted original words"),
  ];
}

async function assertScrubbed(store: Store): Promise<void> {
  const changes = await store.changesSince(board, 0, 100);
  assert.equal(changes.length, 5, "every row keeps its place");
  const log = JSON.stringify(changes);
  for (const word of [
    "original words",
    "middle words",
    "deleted comment words",
    "deleted edit words",
    "deleted original words",
  ])
    assert.ok(!log.includes(word), `"${word}" is still in the log`);
  assert.ok(log.includes("current words"));
  assert.ok(!changes.some((c) => "old" in c.action.data), "no edit keeps an old text");
}

test("sqlite: the migration scrubs old comment rows", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tack-history-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "tack.db");
  const db = new DatabaseSync(path);
  db.exec(SQLITE_MIGRATIONS[0]!);
  db.exec("PRAGMA user_version = 1");
  db.prepare("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES (?, ?, NULL, 5, ?)").run(
    board,
    "oldboard",
    JSON.stringify({ id: board }),
  );
  const insert = db.prepare(
    "INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  for (const row of oldRows())
    insert.run(...(row.map((v) => (typeof v === "boolean" ? Number(v) : v)) as never[]));
  db.close();
  const store = new SqliteStore(path);
  cleanups.push(() => store.close());
  await assertScrubbed(store);
});

test("postgres: the migration scrubs old comment rows", async () => {
  const database = await freshPostgresDatabase();
  cleanups.push(() => database.drop());
  const pool = new Pool({ connectionString: database.url });
  await migratePostgres(pool, POSTGRES_MIGRATIONS.slice(0, 1));
  await pool.query("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ($1, $2, NULL, 5, $3)", [
    board,
    "oldboard",
    JSON.stringify({ id: board }),
  ]);
  for (const row of oldRows())
    await pool.query(
      "INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, hidden) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
      row,
    );
  await pool.end();
  const store = await createPostgresStore(database.url);
  cleanups.push(() => store.close());
  await assertScrubbed(store);
});
