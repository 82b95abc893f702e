// Board reads while the board is being edited (decision 0039-board-objects-cache): one server
// process, the 1,000-card board of web-perf-board.ts, one client moving cards on it at a steady
// rate while another reads the web client's first read (BOARD_FRONTS_QUERY) one after another.
// Reports the reads' latency and how many the process answered from its parsed copy of the board
// (its own /metrics), per store, at each write rate (0 = nobody editing).
// Run: npm run bench -- board-read-busy [--store sqlite|postgres|both] [--rates 0,5,50] [--seconds N]
import { performance } from "node:perf_hooks";
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
const STORES: Backend[] = storeOption === "both" ? ["sqlite", "postgres"] : [storeOption as Backend];

async function cacheReads(url: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (result: string) =>
    Number(
      text
        .split("\n")
        .find((l) => l.startsWith("tack_board_cache_reads_total") && l.includes(`result="${result}"`))
        ?.split(" ")
        .pop() ?? Number.NaN,
    );
  return { hits: value("hit"), misses: value("miss") };
}

interface Row {
  store: Backend;
  rate: number;
  writes: number;
  times: number[];
  hitShare: number;
}

async function measure(store: Backend): Promise<Row[]> {
  const server = await startServerProcess(store);
  try {
    const reader = await Client.signUp(server.url, "reader");
    const { id: boardId } = await importBenchBoard(
      server.url,
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
          await reader.call("PUT", `/1/cards/${card}`, { idList: list, pos: "bottom" });
          writes += 1;
          const due = start + (writes * 1000) / rate;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      })();
      const before = await cacheReads(server.url);
      const times: number[] = [];
      const until = performance.now() + SECONDS * 1000;
      while (performance.now() < until) {
        const t = performance.now();
        await read();
        times.push(performance.now() - t);
      }
      stop = true;
      await writer;
      const after = await cacheReads(server.url);
      const hits = after.hits - before.hits;
      const misses = after.misses - before.misses;
      rows.push({ store, rate, writes, times, hitShare: hits / (hits + misses) });
    }
    return rows;
  } finally {
    await server.stop();
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
