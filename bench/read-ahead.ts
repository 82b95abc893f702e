// A card move's read-ahead statement on big boards (postgres/board-read-ahead.ts, issue 16): what
// one statement costs PostgreSQL on a board of 1,000 cards in 10 lists, among 5 such boards, with
// the plan PostgreSQL keeps for a prepared statement (generic), before the tables were ever
// analyzed (a fresh install, a benchmark's fresh database) and after. The read is the one
// `PUT /1/cards/{id}` with a new list declares (taken from the command: the card, its list and the
// target list, the ids and positions of the target list's cards, the card's checklists and the
// board's labels).
// Run: npm run bench -- read-ahead [--reads=400]
import { performance } from "node:perf_hooks";
import { updateCard } from "../packages/server/src/commands/cards/update-card.ts";
import { BoardReadAhead } from "../packages/server/src/store/postgres/board-read-ahead.ts";
import { createPostgresStore } from "../packages/server/src/store/postgres.ts";
import { aCard, aList, aSeededBoard } from "../packages/server/test/support/store-fixtures.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";
import { summarize } from "./lib.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const READS = Number(args.get("reads") ?? 400);
const BOARDS = 5;
const CARDS = 1000;
const LISTS = 10;

const db = await createTempDatabase();
const store = await createPostgresStore(db.url);
try {
  const boards: Array<{ id: string; lists: string[]; cards: string[] }> = [];
  for (let b = 0; b < BOARDS; b++) {
    const { board, list } = await aSeededBoard(store);
    const lists = [list.id];
    const more = Array.from({ length: LISTS - 1 }, () => aList(board.id));
    lists.push(...more.map((l) => l.id));
    const cards = Array.from({ length: CARDS }, (_, i) =>
      aCard(board.id, lists[i % LISTS]!, { pos: i * 1024 }),
    );
    await store.transact(board.id, async (tx) => {
      await tx.putAll("list", more);
      await tx.putAll("card", cards);
    });
    boards.push({ id: board.id, lists, cards: cards.map((c) => c.id) });
  }
  const { Pool } = (await import("pg")).default;
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const client = await pool.connect();
  const board = boards[2]!;
  const measure = async () => {
    const times: number[] = [];
    for (let i = 0; i < READS; i++) {
      const card = board.cards[(i * 37) % CARDS]!;
      const target = board.lists[(i * 7) % LISTS]!;
      const ahead = new BoardReadAhead();
      const t0 = performance.now();
      await ahead.load(client, board.id, updateCard.reads!({ cardId: card, input: { idList: target } }));
      times.push(performance.now() - t0);
    }
    return summarize(times);
  };
  console.log(
    `A move's read-ahead, ${BOARDS} boards of ${CARDS} cards in ${LISTS} lists, one connection, ${READS} reads each`,
  );
  console.log();
  console.log("| tables | p50 ms | p99 ms | max ms |");
  console.log("| --- | ---: | ---: | ---: |");
  const ms = (n: number) => n.toFixed(2);
  const report = (name: string, s: ReturnType<typeof summarize>) =>
    console.log(`| ${name} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`);
  report("never analyzed (a fresh database)", await measure());
  await client.query("ANALYZE");
  await client.query("DISCARD PLANS"); // as after autovacuum's ANALYZE invalidates them
  report("analyzed", await measure());
  client.release();
  await pool.end();
} finally {
  await store.close();
  await db.drop();
}
