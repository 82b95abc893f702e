// A move's cost against the length of its list (issue 16): one Tack process on PostgreSQL, one
// board with lists of 10, 100 and 1,000 cards, one client moving a card of each list to another
// place in the same list, one move after another. Two cases each: the process's board objects
// cache current (this process wrote the board last: the read-ahead is answered from memory,
// decision 0039) and stale (the board's row touched by another connection before every move, as
// when another worker wrote last: the read-ahead is a statement). Reports p50 and the CPU per
// move of the Tack process and of PostgreSQL.
// Run: npm run bench -- move-long-list [--moves N] [--rounds N] [--only 10|100|1000] [--pad N]
import { performance } from "node:perf_hooks";
import pg from "pg";
import { CpuMeter, perOperation } from "./cpu-meter.ts";
import { Client, ms, numberArg, startServerProcess, summarize } from "./lib.ts";
import { BENCH_LISTS, benchBoardExport, importBenchBoard } from "./web-perf-board.ts";

const MOVES = numberArg("moves", 200);
const ROUNDS = numberArg("rounds", 3);
/** The lists of the board, by how many cards each holds. */
const LENGTHS = [10, 100, 1000];
/** `--only 1000`: moves in that list only (the board keeps all three). */
const LENGTHS_MOVED = process.argv.includes("--only") ? [numberArg("only", 1000)] : LENGTHS;
/** `--pad N`: N more cards on the board, in the export's other lists, where nobody moves (a big board). */
const PAD = numberArg("pad", 0);
const BOARD_CARDS = LENGTHS.reduce((a, b) => a + b, 0) + PAD;
const PAD_LIST = Math.max(1, Math.ceil(PAD / (BENCH_LISTS - LENGTHS.length)));

/** A board export whose lists hold LENGTHS cards each, in that order. */
function boardOfLengths(): Record<string, unknown> {
  const padLists = Math.ceil(PAD / PAD_LIST);
  const total = BOARD_CARDS;
  const board = benchBoardExport(total) as {
    lists: Array<{ id: string; name: string }>;
    cards: Array<{ idList: string; pos: number }>;
  };
  let next = 0;
  LENGTHS.forEach((length, li) => {
    board.lists[li]!.name = `${length} cards`;
    for (let k = 0; k < length; k++) {
      const card = board.cards[next++]!;
      card.idList = board.lists[li]!.id;
      card.pos = (k + 1) * 65536;
    }
  });
  for (let k = 0; k < PAD; k++) {
    const li = LENGTHS.length + Math.floor(k / PAD_LIST);
    const card = board.cards[next++]!;
    card.idList = board.lists[li]!.id;
    card.pos = ((k % PAD_LIST) + 1) * 65536;
    board.lists[li]!.name = "padding";
  }
  board.lists.splice(LENGTHS.length + padLists);
  return board;
}

async function main() {
  const server = await startServerProcess("postgres");
  const db = new pg.Pool({ connectionString: server.databaseUrl!, max: 1 });
  try {
    const client = await Client.signUp(server.url, "mover");
    const { id: boardId } = await importBenchBoard(server.url, client.token, "mover", boardOfLengths());
    const lists = (await client.call("GET", `/1/boards/${boardId}/lists`)) as Array<{
      id: string;
      name: string;
    }>;
    const meter = new CpuMeter([server.child.pid!]);
    const results = new Map<string, { times: number[]; tack: number; postgres: number }>();

    for (let round = 0; round < ROUNDS; round++) {
      for (const length of LENGTHS_MOVED) {
        const list = lists.find((l) => l.name === `${length} cards`)!;
        const cards = (await client.call("GET", `/1/lists/${list.id}/cards?fields=id`)) as Array<{
          id: string;
        }>;
        for (const stale of [false, true]) {
          const times: number[] = [];
          const { cpu } = await meter.measure(async () => {
            for (let i = 0; i < MOVES; i++) {
              // Another connection's write moves the board row's version: the cache is stale.
              if (stale) await db.query("UPDATE boards SET seq = seq WHERE id = $1", [boardId]);
              const card = cards[(i * 7) % cards.length]!;
              const t = performance.now();
              await client.call("PUT", `/1/cards/${card.id}`, { pos: i % 2 ? "top" : "bottom" });
              times.push(performance.now() - t);
            }
          });
          const per = perOperation(cpu, MOVES);
          const key = `${length}\t${stale ? "stale (another worker wrote last)" : "current (this process wrote last)"}`;
          const seen = results.get(key) ?? { times: [], tack: 0, postgres: 0 };
          seen.times.push(...times);
          seen.tack += per.tack / ROUNDS;
          // The stale case's own UPDATE runs on PostgreSQL too; it is the same in every row.
          seen.postgres += per.postgres / ROUNDS;
          results.set(key, seen);
        }
      }
    }

    console.log(
      `\n${ROUNDS} rounds × ${MOVES} sequential moves per row, one client, PostgreSQL, ${BOARD_CARDS.toLocaleString("en")} cards on the board\n`,
    );
    console.log(
      "| cards in the list | board objects cache | p50 ms | p99 ms | max ms | Tack CPU per move | PostgreSQL CPU per move |",
    );
    console.log("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for (const [key, r] of results) {
      const [length, cache] = key.split("\t");
      const stats = summarize(r.times);
      console.log(
        `| ${Number(length).toLocaleString("en")} | ${cache} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.max)} | ${r.tack.toFixed(2)} ms | ${r.postgres.toFixed(2)} ms |`,
      );
    }
  } finally {
    await db.end();
    await server.stop();
  }
}

await main();
