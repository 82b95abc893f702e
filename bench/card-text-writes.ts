// What writing a card costs the database when only its position changes (a move), with its search
// text kept each way (decision 0047-card-text-apart):
//   - PostgreSQL: "text apart" is Tack's schema (card_texts, written by triggers only when the
//     name or description changes); "index on the card" is the trigram index on an expression of
//     the card's document that Tack had before (every write of the card indexed its text again);
//     "no search text" drops both, the bare write's cost.
//   - SQLite: the FTS5 trigger firing on every write of a card's document (before) against firing
//     only when its name or description changed (Tack now).
// Each write is the flush's upsert of one card row on one connection, one after another; rounds
// interleave. PostgreSQL's CPU is its backend's utime + stime; SQLite's is this process's.
// Run: node bench/card-text-writes.ts [--writes=3000] [--rounds=5]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { migratePostgres } from "../packages/server/src/store/postgres-migrate.ts";
import { SQLITE_MIGRATIONS } from "../packages/server/src/store/sqlite-schema.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";
import { cpuByPid } from "./cpu-meter.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const WRITES = Number(args.get("writes") ?? 3000);
const ROUNDS = Number(args.get("rounds") ?? 5);
const CARDS = 200;
const DESCRIPTION =
  "Check the deploy pipeline and the rollout notes for the payments service; ask ops about the staging database window before Friday.";

const cardsOf = (desc: string) => (i: number, pos: number, list: string) =>
  JSON.stringify({ id: `c${i}`, name: `Card ${i} fix the onboarding flow`, desc, pos, idList: list });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** PostgreSQL: CPU µs per card write for each way, by description. */
async function postgres(desc: string): Promise<Map<string, number>> {
  const db = await createTempDatabase();
  const pool = new pg.Pool({ connectionString: db.url });
  const client = new pg.Client({ connectionString: db.url });
  try {
    await migratePostgres(pool);
    await client.connect();
    const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const doc = cardsOf(desc);
    await client.query("INSERT INTO boards (id, short_link, seq, doc) VALUES ('b', 'b', 0, '{}')");
    for (let i = 0; i < CARDS; i++)
      await client.query(
        "INSERT INTO objects (id, board_id, kind, parent_id, doc) VALUES ($1, 'b', 'card', 'l0', $2)",
        [`c${i}`, doc(i, i, "l0")],
      );
    const upsert = `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc)
      SELECT id, 'b', 'card', parent_id, NULL, false, doc FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS row(id, parent_id, doc)
      ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
      WHERE objects.board_id = excluded.board_id`;
    let n = 0;
    const writes = async () => {
      const before = cpuByPid([pid]).get(pid)!;
      for (let k = 0; k < WRITES; k++) {
        const i = n++ % CARDS;
        const list = `l${n % 3}`;
        await client.query({ name: "move", text: upsert, values: [[`c${i}`], [list], [doc(i, n, list)]] });
      }
      return ((cpuByPid([pid]).get(pid)! - before) / WRITES) * 1000;
    };
    const TRIGGER = `CREATE TRIGGER card_texts_edited AFTER UPDATE OF doc ON objects FOR EACH ROW
      WHEN (NEW.kind = 'card' AND (OLD.doc->'name' IS DISTINCT FROM NEW.doc->'name'
                                   OR OLD.doc->'desc' IS DISTINCT FROM NEW.doc->'desc'))
      EXECUTE FUNCTION card_texts_keep()`;
    const ways: Array<[string, string, string]> = [
      ["text apart (Tack)", "", ""],
      ["no search text", "DROP TRIGGER card_texts_edited ON objects", TRIGGER],
      [
        "index on the card (before)",
        `DROP TRIGGER card_texts_edited ON objects;
         CREATE INDEX objects_card_text ON objects USING gin
           ((lower(coalesce(doc->>'name', '') || chr(10) || coalesce(doc->>'desc', ''))) gin_trgm_ops) WHERE kind = 'card'`,
        `DROP INDEX objects_card_text; ${TRIGGER}`,
      ],
    ];
    const spent = new Map<string, number[]>(ways.map(([name]) => [name, []]));
    await writes(); // warm: plans cached, pages in memory
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, setUp, tearDown] of ways) {
        if (setUp) await client.query(setUp);
        spent.get(name)!.push(await writes());
        if (tearDown) await client.query(tearDown);
      }
    return new Map([...spent].map(([name, values]) => [name, median(values)]));
  } finally {
    await client.end().catch(() => undefined);
    await pool.end();
    await db.drop();
  }
}

/** SQLite: CPU µs per card write with the search trigger as it was and as it is. */
function sqlite(desc: string): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), "tack-card-text-bench-"));
  try {
    const db = new DatabaseSync(join(dir, "bench.db"));
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    for (const migration of SQLITE_MIGRATIONS) db.exec(migration);
    const doc = cardsOf(desc);
    db.exec("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ('b', 'b', NULL, 0, '{}')");
    const insert = db.prepare(
      "INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES (?, 'b', 'card', 'l0', NULL, 0, ?)",
    );
    for (let i = 0; i < CARDS; i++) insert.run(`c${i}`, doc(i, i, "l0"));
    const upsert = db.prepare(
      `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES (?, 'b', 'card', ?, NULL, 0, ?)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
       WHERE objects.board_id = excluded.board_id`,
    );
    const now = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'card_text_update'").get() as {
      sql: string;
    };
    const everyWrite = `CREATE TRIGGER card_text_update AFTER UPDATE OF doc ON objects WHEN new.kind = 'card' BEGIN
      DELETE FROM card_text WHERE rowid = old.rowid;
      INSERT INTO card_text (rowid, text) VALUES (new.rowid,
        coalesce(json_extract(new.doc, '$.name'), '') || char(10) || coalesce(json_extract(new.doc, '$.desc'), ''));
    END`;
    let n = 0;
    const writes = () => {
      const before = process.cpuUsage();
      for (let k = 0; k < WRITES; k++) {
        const i = n++ % CARDS;
        const list = `l${n % 3}`;
        upsert.run(`c${i}`, list, doc(i, n, list));
      }
      const used = process.cpuUsage(before);
      return (used.user + used.system) / WRITES;
    };
    const ways: Array<[string, string]> = [
      ["on name or description (Tack)", now.sql],
      ["on every write (before)", everyWrite],
    ];
    const spent = new Map<string, number[]>(ways.map(([name]) => [name, []]));
    writes();
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, trigger] of ways) {
        db.exec(`DROP TRIGGER card_text_update; ${trigger}`);
        spent.get(name)!.push(writes());
      }
    db.close();
    return new Map([...spent].map(([name, values]) => [name, median(values)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `\nCPU per card write that moves the card (µs, median of ${ROUNDS} interleaved rounds of ${WRITES} writes)\n`,
);
console.log("| store | search text kept | name only | name + 130-character description |");
console.log("| --- | --- | ---: | ---: |");
const short = await postgres("");
const long = await postgres(DESCRIPTION);
for (const [name, us] of short)
  console.log(`| PostgreSQL | ${name} | ${us.toFixed(0)} | ${long.get(name)!.toFixed(0)} |`);
const liteShort = sqlite("");
const liteLong = sqlite(DESCRIPTION);
for (const [name, us] of liteShort)
  console.log(`| SQLite | ${name} | ${us.toFixed(0)} | ${liteLong.get(name)!.toFixed(0)} |`);
