// What one move's commit costs PostgreSQL, part by part (issue 16): the statement a transaction run
// before its lock ends with (board-tx-flush.ts LOCK_FLUSH_COMMIT, decision 0054), called with the
// rows of a real move (captured from a move made over HTTP on a server of this build), then again
// with one part left out at a time, beside the floor's update and insert. Each variant runs the
// same number of transactions back to back on one connection; what is measured is the CPU of that
// connection's backend (/proc/<pid>/stat), of this process, and the WAL written, per transaction.
// Run: node bench/flush-parts.ts [--transactions 3000] [--rounds 3]
import { readFileSync } from "node:fs";
import { newId } from "@tack/shared/ids";
import pg from "pg";
import { type BoardTxWrites, flushBoardTx } from "../packages/server/src/store/postgres/board-tx-flush.ts";
import { Person, startServer } from "../packages/server/test/harness.ts";
import { floorActionInsert, floorCardUpdate } from "./floor-statements.ts";
import { numberArg } from "./lib.ts";
import { PgWriteCounter } from "./pg-counters.ts";

const TRANSACTIONS = numberArg("transactions", 3000);
const ROUNDS = numberArg("rounds", 3);
const TICK_MS = 10;

function cpuOfPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** A real move's rows, as the database holds them after it. */
interface Captured {
  boardId: string;
  memberId: string;
  card: Record<string, unknown>;
  board: Record<string, unknown>;
  action: { type: string; data: unknown; models: unknown; cardId: string };
  watched: { objectIds: string[]; byOtherThan: string };
}

async function captureMove(): Promise<{ captured: Captured; url: string; stop: () => Promise<void> }> {
  const server = await startServer({}, "postgres");
  const ada = await Person.signUp(server, "ada");
  const board = (await ada.post("/1/boards", { name: "Flush parts" })).body;
  const [todo, done] = await Promise.all(
    ["Todo", "Done"].map(async (name) => (await ada.post("/1/lists", { name, idBoard: board.id })).body),
  );
  for (let i = 0; i < 50; i++) await ada.post("/1/cards", { idList: todo.id, name: `Card ${i}` });
  const card = (await ada.post("/1/cards", { idList: todo.id, name: "The one that moves" })).body;
  const moved = await ada.put(`/1/cards/${card.id}`, { idList: done.id, pos: "top" });
  if (moved.status !== 200) throw new Error(`the move answered ${moved.status}`);
  const url = server.app.ctx.config.databaseUrl!;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const row = async (sql: string, values: unknown[]) => (await client.query(sql, values)).rows[0];
  const captured: Captured = {
    boardId: board.id,
    memberId: ada.id,
    card: (await row("SELECT doc FROM objects WHERE id = $1", [card.id])).doc,
    board: (await row("SELECT doc FROM boards WHERE id = $1", [board.id])).doc,
    action: await row(
      'SELECT type, data, models, card_id AS "cardId" FROM actions WHERE board_id = $1 ORDER BY seq DESC LIMIT 1',
      [board.id],
    ),
    watched: { objectIds: [card.id, done.id, board.id], byOtherThan: ada.id },
  };
  await client.end();
  return { captured, url, stop: () => server.stop() };
}

type Variant = "whole" | "no outbox entry" | "no action" | "no card" | "no board row" | "the floor";

/** The writes of move number `n` of a variant, on the board as it stands (`head`). */
function writesOf(
  variant: Variant,
  m: Captured,
  head: { seq: number; version: number },
  n: number,
): BoardTxWrites {
  const date = new Date().toISOString();
  const card = { ...m.card, pos: 1000 + n };
  return {
    boardId: m.boardId,
    removals: [],
    puts: variant === "no card" ? [] : [{ kind: "card", doc: card as never }],
    putTexts: variant === "no card" ? [] : [JSON.stringify(card)],
    actions:
      variant === "no action"
        ? []
        : [
            {
              seq: head.seq + 1,
              draft: {
                id: newId(),
                type: m.action.type,
                memberId: m.memberId,
                cardId: m.action.cardId,
                date,
                data: m.action.data as Record<string, unknown>,
                models: m.action.models as never,
                deleted: [],
                mutationId: null,
                mutationKind: null,
              },
            } as never,
          ],
    outbox:
      variant === "no outbox entry"
        ? []
        : [
            {
              draft: { topic: "notify", payload: { action: "x" }, onlyIfWatched: m.watched },
              createdAt: date,
            },
          ],
    seq: variant === "no action" ? head.seq : head.seq + 1,
    boardText: JSON.stringify({ ...m.board, dateLastActivity: date }),
    orgId: null,
    finish: variant !== "no board row",
    expect: { version: head.version, webhooks: false },
    // At the copy's version the read set is not looked at (decision 0055): a move's, for its size.
    // Without the board row's update its seq stays behind the actions' (the seqs kept here): no
    // read set, so the statement moves no seq by the difference.
    readSet:
      variant === "no board row"
        ? null
        : { found: [m.action.cardId ?? ""], missing: [], listings: [], seq: head.seq },
  };
}

async function main(): Promise<void> {
  const { captured, url, stop } = await captureMove();
  const counter = await PgWriteCounter.open(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE floor_cards (id integer PRIMARY KEY, doc jsonb NOT NULL);
    CREATE TABLE floor_actions (id text PRIMARY KEY, board_id integer NOT NULL, seq bigint, card_id integer NOT NULL,
      date text NOT NULL, data jsonb NOT NULL);
    INSERT INTO floor_cards SELECT g, jsonb_build_object('pos', g) FROM generate_series(1, 400) g;`);
  const backend = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
  const start = (await client.query("SELECT seq, version FROM boards WHERE id = $1", [captured.boardId]))
    .rows[0];
  // Kept here from what each statement answers, as a process's copy of the board is.
  const head = { seq: Number(start.seq), version: Number(start.version) };
  const variants: Variant[] = [
    "whole",
    "no outbox entry",
    "no action",
    "no card",
    "no board row",
    "the floor",
  ];
  const results = new Map<Variant, Array<{ pg: number; client: number; wal: number; tx: number }>>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) {
      const pgBefore = cpuOfPid(backend);
      const meBefore = process.cpuUsage();
      const { writes } = await counter.measure(async () => {
        for (let n = 0; n < TRANSACTIONS; n++) {
          if (variant === "the floor") {
            await client.query("BEGIN");
            await client.query(floorCardUpdate(1 + (n % 400)));
            await client.query(floorActionInsert(newId(), 1 + (n % 400), null, null));
            await client.query("COMMIT");
            continue;
          }
          const writes = writesOf(variant, captured, head, n);
          const result = await flushBoardTx(client as unknown as pg.PoolClient, writes, "lock-flush-commit");
          if (!result.applied) throw new Error(`${variant}: not applied`);
          head.version = result.version ?? head.version;
          head.seq += writes.actions.length;
        }
      });
      const me = process.cpuUsage(meBefore);
      if (variant === "no board row") {
        // Bring the board row's seq up to its actions' again (outside the measure): the next
        // round's read set would otherwise move every seq back by the difference, onto taken ones.
        const synced = await client.query("UPDATE boards SET seq = $2 WHERE id = $1 RETURNING version", [
          captured.boardId,
          head.seq,
        ]);
        head.version = Number(synced.rows[0].version);
      }
      const list = results.get(variant) ?? [];
      list.push({
        pg: (cpuOfPid(backend) - pgBefore) / TRANSACTIONS,
        client: (me.user + me.system) / 1000 / TRANSACTIONS,
        wal: Number(writes.walBytes) / TRANSACTIONS,
        tx: Number(writes.xids) / TRANSACTIONS,
      });
      results.set(variant, list);
    }
  }
  const middle = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `${TRANSACTIONS} transactions per variant and round, median of ${ROUNDS} rounds (variants interleaved)\n`,
  );
  console.log(
    "| variant | PostgreSQL backend CPU µs / tx | this process µs / tx | WAL bytes / tx | write tx / tx |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const variant of variants) {
    const list = results.get(variant)!;
    console.log(
      `| ${variant} | ${(1000 * middle(list.map((r) => r.pg))).toFixed(0)} | ${(1000 * middle(list.map((r) => r.client))).toFixed(0)} | ${middle(list.map((r) => r.wal)).toFixed(0)} | ${middle(list.map((r) => r.tx)).toFixed(2)} |`,
    );
  }
  await client.end();
  await counter.close();
  await stop();
}

await main();
