// openStore picks the adapter from the configuration: PostgreSQL when a URL is given, else SQLite.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, it } from "node:test";
import { openStore } from "../src/store/open-store.ts";
import { createTempDatabase } from "./support/temp-postgres.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-open-"));
after(() => rmSync(dir, { recursive: true, force: true }));

it("without a database URL it opens the SQLite file", async () => {
  const store = await openStore({ sqlitePath: join(dir, "nested", "tack.db") });
  try {
    assert.equal(store.kind, "sqlite");
    await store.ping();
  } finally {
    await store.close();
  }
});

it("with a database URL it opens PostgreSQL, migrated", async () => {
  const db = await createTempDatabase();
  const store = await openStore({ databaseUrl: db.url, sqlitePath: join(dir, "unused.db") });
  try {
    assert.equal(store.kind, "postgres");
    assert.equal(await store.boardById("no-such-board"), null, "the schema is in place");
  } finally {
    await store.close();
    await db.drop();
  }
});

it("an unreachable database URL fails to open, with the driver's reason", async () => {
  await assert.rejects(
    openStore({ databaseUrl: "postgres://postgres@127.0.0.1:1/none", sqlitePath: join(dir, "x.db") }),
    /ECONNREFUSED/,
  );
});
