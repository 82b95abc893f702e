// Backup and restore round trips through the commands an operator runs (`npm run backup -- FILE`,
// `npm run restore -- FILE`), for SQLite and PostgreSQL: what existed at backup time comes back,
// what was written after it is gone, credentials still work, and wrong inputs are refused.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { freshPostgresDatabase, Person, type StoreKind, startServer } from "./harness.ts";
import { REPO_ROOT, run } from "./support/processes.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-backup-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The operator's commands: `npm run backup -- FILE`, `npm run restore -- FILE`. */
const cli = (command: "backup" | "restore", file: string, env: Record<string, string>) =>
  run("npm", ["run", "--silent", command, "--", file], {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...env,
  });
/** The JSON line a command printed (npm may print warnings around it). */
const jsonLine = (output: string) => JSON.parse(output.split("\n").find((l) => l.startsWith("{"))!);

async function roundTrip(kind: StoreKind) {
  const pg = kind === "postgres" ? await freshPostgresDatabase() : null;
  const storeEnv: Record<string, string> = pg
    ? { DATABASE_URL: pg.url }
    : { TACK_SQLITE_PATH: join(dir, `${kind}-live.db`) };
  try {
    let server = await startServer(storeEnv, "sqlite");
    const ann = await Person.signUp(server, `ann${kind}`);
    const board = (await ann.post("/1/boards", { name: "Backed up", defaultLists: false })).body;
    const list = (await ann.post("/1/lists", { name: "Todo", idBoard: board.id })).body;
    await ann.post("/1/cards", { name: "Before the backup", idList: list.id });

    const file = join(dir, `${kind}.backup`);
    const backup = await cli("backup", file, storeEnv);
    assert.equal(backup.code, 0, backup.output);
    assert.equal(jsonLine(backup.output).format, kind);
    assert.equal((await cli("backup", file, storeEnv)).code, 1, "a backup never overwrites a file");

    await ann.post("/1/cards", { name: "After the backup", idList: list.id });
    await ann.put(`/1/boards/${board.id}`, { name: "Renamed after the backup" });
    await server.stop();

    const restore = await cli("restore", file, storeEnv);
    assert.equal(restore.code, 0, restore.output);

    server = await startServer(storeEnv, "sqlite");
    // The same person, talking to the restarted server with the credentials from before.
    (ann as { server: typeof server }).server = server;
    const restored = await ann.get(`/1/boards/${board.id}?cards=open`);
    assert.equal(restored.status, 200, "the API token from before the backup still works");
    assert.equal(restored.body.name, "Backed up");
    assert.deepEqual(
      restored.body.cards.map((c: { name: string }) => c.name),
      ["Before the backup"],
    );
    const next = await ann.post("/1/cards", { name: "After the restore", idList: list.id });
    assert.equal(next.status, 200, "the restored board takes writes (its sequence continues)");
    await server.stop();
  } finally {
    await pg?.drop();
  }
}

test("SQLite: backup with the online backup API, restore, round trip", () => roundTrip("sqlite"));
test("PostgreSQL: pg_dump, pg_restore, round trip", () => roundTrip("postgres"));

test("restore refuses missing files, foreign files and the other backend's backups", async () => {
  const sqliteEnv = { TACK_SQLITE_PATH: join(dir, "refusals.db") };
  const missing = await cli("restore", join(dir, "nope.backup"), sqliteEnv);
  assert.equal(missing.code, 1);
  assert.match(missing.output, /does not exist/);

  const junk = join(dir, "junk.backup");
  writeFileSync(junk, "this is not a backup at all");
  const foreign = await cli("restore", junk, sqliteEnv);
  assert.equal(foreign.code, 1);
  assert.match(foreign.output, /neither a Tack SQLite backup nor a pg_dump archive/);

  const pgLike = join(dir, "pg-like.backup");
  writeFileSync(pgLike, "PGDMP and more bytes");
  const mismatch = await cli("restore", pgLike, sqliteEnv);
  assert.equal(mismatch.code, 1);
  assert.match(mismatch.output, /is a postgres backup but Tack is configured for sqlite/);

  const usage = await run(process.execPath, [
    join(REPO_ROOT, "packages/server/src/ops/backup-cli.ts"),
    "backup",
  ]);
  assert.equal(usage.code, 2);
  assert.match(usage.output, /usage: npm run backup -- FILE/);
});
