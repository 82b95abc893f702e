// Board reads while the board is being edited (decision 0039-board-objects-cache): one server
// process, the 1,000-card board of web-perf-board.ts, one client moving cards on it at a steady
// rate while another reads the web client's first read (BOARD_FRONTS_QUERY) one after another.
// Reports the reads' latency and how many the process answered from its parsed copy of the board
// (its own /metrics), per store, at each write rate (0 = nobody editing). `postgres-2` is the
// scale-out mode's usual case: two processes (PostgreSQL, Redis), the reads on one and the moves on
// the other, whose commits carry the reader's copy forward over Redis (decision 0050).
// Run: npm run bench -- board-read-busy [--store sqlite|postgres|postgres-2|both|all] [--rates 0,5,50]
//      [--seconds N]      (both: sqlite and postgres; all: the three)
import { performance } from "node:perf_hooks";
import { boardCacheReads } from "../packages/server/test/support/board-cache-reads.ts";
import { startTestRedis } from "../packages/server/test/support/redis-server.ts";
import {
  type ServerProcess as ScaleOutProcess,
  startServerProcess as startScaleOutProcess,
} from "../packages/server/test/support/server-process.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";
import { BOARD_FRONTS_QUERY } from "../packages/shared/src/board-read-query.ts";
import { type Backend, Client, ms, startServerProcess, summarize } from "./lib.ts";
import { benchBoardExport, importBenchBoard } from "./web-perf-board.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const SECONDS = Number(option("seconds", "5"));
const RATES = option("rates", "0,5,50").split(",").map(Number);
const storeOption = option("store", "both");
type Setup = Backend | "postgres-2";
const STORES: Setup[] =
  storeOption === "both"
    ? ["sqlite", "postgres"]
    : storeOption === "all"
      ? ["sqlite", "postgres", "postgres-2"]
      : [storeOption as Setup];

/** The process that serves the reads, and the one the moves go to (the same one but in postgres-2). */
interface Servers {
  reads: string;
  writes: string;
  stop(): Promise<void>;
}

async function startServers(setup: Setup): Promise<Servers> {
  if (setup !== "postgres-2") {
    const server = await startServerProcess(setup);
    return { reads: server.url, writes: server.url, stop: () => server.stop() };
  }
  const db = await createTempDatabase();
  const redis = await startTestRedis();
  const services = { databaseUrl: db.url, redisUrl: redis.url, redisPrefix: `readbusy_${Date.now()}:` };
  const started: ScaleOutProcess[] = [];
  try {
    started.push(await startScaleOutProcess("reads", services));
    started.push(await startScaleOutProcess("writes", services));
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
  return {
    reads: started[0]!.url,
    writes: started[1]!.url,
    async stop() {
      await Promise.all(started.map((s) => s.stop()));
      await redis.stop();
      await db.drop();
    },
  };
}

interface Row {
  store: Setup;
  rate: number;
  writes: number;
  times: number[];
  hitShare: number;
}

async function measure(store: Setup): Promise<Row[]> {
  const servers = await startServers(store);
  try {
    const reader = await Client.signUp(servers.reads, "reader");
    const mover = new Client(servers.writes);
    mover.token = reader.token;
    const { id: boardId } = await importBenchBoard(
      servers.reads,
      reader.token,
      "reader",
      benchBoardExport(1000),
    );
    const board = await reader.call("GET", `/1/boards/${boardId}?${BOARD_FRONTS_QUERY}`);
    const lists: string[] = board.lists.map((l: { id: string }) => l.id);
    const cards: string[] = board.cards.map((c: { id: string }) => c.id);
    const read = () => reader.call("GET", `/1/boards/${boardId}?${BOARD_FRONTS_QUERY}`);
    for (let i = 0; i < 20; i++) await read(); // warm-up
    const rows: Row[] = [];
    for (const rate of RATES) {
      let stop = false;
      let writes = 0;
      // Open loop: a move every 1/rate s, whatever the reads are doing.
      const writer = (async () => {
        if (rate === 0) return;
        const start = performance.now();
        while (!stop) {
          const card = cards[writes % cards.length]!;
          const list = lists[(writes * 7) % lists.length]!;
          await mover.call("PUT", `/1/cards/${card}`, { idList: list, pos: "bottom" });
          writes += 1;
          const due = start + (writes * 1000) / rate;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      })();
      const before = await boardCacheReads(servers.reads);
      const times: number[] = [];
      const until = performance.now() + SECONDS * 1000;
      while (performance.now() < until) {
        const t = performance.now();
        await read();
        times.push(performance.now() - t);
      }
      stop = true;
      await writer;
      const after = await boardCacheReads(servers.reads);
      const hits = after.hits - before.hits;
      const misses = after.misses - before.misses;
      rows.push({ store, rate, writes, times, hitShare: hits / (hits + misses) });
    }
    return rows;
  } finally {
    await servers.stop();
  }
}

const rows: Row[] = [];
for (const store of STORES) rows.push(...(await measure(store)));
console.log(`\n1,000-card board, fronts read by one client for ${SECONDS} s per row, moves by another\n`);
console.log(
  "| store | moves/s (target) | moves made | reads | read p50 ms | read p99 ms | reads served from the cache |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  const s = summarize(r.times);
  const share = Number.isNaN(r.hitShare) ? "-" : `${(r.hitShare * 100).toFixed(0)} %`;
  console.log(
    `| ${r.store} | ${r.rate} | ${r.writes} | ${r.times.length} | ${ms(s.p50)} | ${ms(s.p99)} | ${share} |`,
  );
}
