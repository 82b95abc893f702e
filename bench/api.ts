// Foundation benchmark (issue 2): on each store adapter, through real HTTP to a real server process,
//   1. load of a board with 1,000 cards (the nested read the web client makes), p50 / p99;
//   2. sustained card moves per second with durable commits, and their latency.
// Run: npm run bench -- api   (or: node bench/api.ts [sqlite|postgres] [--seconds N])
import { performance } from "node:perf_hooks";
import { type Backend, Client, ms, startServerProcess, summarize } from "./lib.ts";

const args = process.argv.slice(2);
const backends = (args.filter((a) => a === "sqlite" || a === "postgres") as Backend[]).length
  ? (args.filter((a) => a === "sqlite" || a === "postgres") as Backend[])
  : (["sqlite", "postgres"] as Backend[]);
const secondsArg = args.indexOf("--seconds");
const SECONDS = secondsArg >= 0 ? Number(args[secondsArg + 1]) : 10;
const CARDS = 1000;
const LOADS = 300;
const BOARDS_FOR_MOVES = 8;
const CONCURRENCY = 32;

async function seedBoard(client: Client, name: string, lists: number, cards: number) {
  const board = await client.call("POST", "/1/boards", { name });
  const listIds: string[] = [];
  for (let i = 0; i < lists; i++)
    listIds.push((await client.call("POST", "/1/lists", { idBoard: board.id, name: `List ${i}` })).id);
  const cardIds: string[] = [];
  const batch = 16;
  for (let i = 0; i < cards; i += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, cards - i) }, (_, j) =>
        client.call("POST", "/1/cards", {
          idList: listIds[(i + j) % lists],
          name: `Card ${i + j}`,
          desc: "Some description text for realism.",
        }),
      ),
    );
    cardIds.push(...made.map((c: { id: string }) => c.id));
  }
  return { boardId: board.id as string, listIds, cardIds };
}

async function run(backend: Backend) {
  const server = await startServerProcess(backend);
  try {
    const client = await Client.signUp(server.url, "bench");
    const big = await seedBoard(client, "Big board", 10, CARDS);
    const loadPath = `/1/boards/${big.boardId}?lists=open&cards=visible&labels=all&members=all&memberships=all&checklists=all`;
    for (let i = 0; i < 20; i++) await client.call("GET", loadPath); // warm-up
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const t = performance.now();
      await client.call("GET", loadPath);
      loads.push(performance.now() - t);
    }

    const boards: Array<Awaited<ReturnType<typeof seedBoard>>> = [];
    for (let b = 0; b < BOARDS_FOR_MOVES; b++) boards.push(await seedBoard(client, `Moves ${b}`, 4, 50));
    const moves: number[] = [];
    let failures = 0;
    const deadline = performance.now() + SECONDS * 1000;
    const positions = ["top", "bottom", 1000, 70_000, 150_000] as const;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        let i = worker;
        while (performance.now() < deadline) {
          const board = boards[i % boards.length]!;
          const card = board.cardIds[(i * 7) % board.cardIds.length]!;
          const body = {
            idList: board.listIds[(i * 3) % board.listIds.length],
            pos: positions[i % positions.length],
          };
          const t = performance.now();
          try {
            await client.call("PUT", `/1/cards/${card}`, body);
            moves.push(performance.now() - t);
          } catch {
            failures++;
          }
          i += CONCURRENCY;
        }
      }),
    );
    return {
      backend,
      load: summarize(loads),
      moves: summarize(moves),
      movesPerSecond: moves.length / SECONDS,
      failures,
    };
  } finally {
    await server.stop();
  }
}

const rows: Array<Awaited<ReturnType<typeof run>>> = [];
for (const backend of backends) rows.push(await run(backend));
console.log(
  `\nFoundation benchmark: ${CARDS}-card board load (${LOADS} sequential reads) and card moves (${CONCURRENCY} concurrent clients, ${BOARDS_FOR_MOVES} boards, ${SECONDS} s)`,
);
console.log(
  "| store | board load p50 ms | board load p99 ms | moves/s | move p50 ms | move p99 ms | move max ms | failed |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.backend} | ${ms(r.load.p50)} | ${ms(r.load.p99)} | ${r.movesPerSecond.toFixed(0)} | ${ms(r.moves.p50)} | ${ms(r.moves.p99)} | ${ms(r.moves.max)} | ${r.failures} |`,
  );
}
