// Bytes allocated per card move, and per `GET /livez` beside it: what decides how often a worker's
// young generation is collected, and so how often its requests and pushes stop for a pause
// (docs/benchmarks.md, nineteenth session). Unlike the speed benchmark's rates it does not depend on
// how busy the machine is: a count, not a time, repeatable to a fraction of a per cent.
// Run: npm run bench -- move-allocation [--moves=300] [--cards=200] [--sites | --survivors]
// One process holds the server (PostgreSQL and Redis, as in scale-out) and its HTTP client; the
// young generation is made large enough that no collection runs inside a measured round, so the
// heap's growth over the round is what the round allocated. `--sites` adds where the moves'
// bytes were allocated, by the nearest Tack function on the stack (V8's sampling heap profiler).
// `--survivors` instead keeps V8's own young generation and moves cards 16 at a time, as a busy
// worker does, and reports what outlived a young-generation collection (promoted to the old
// generation, or still live): what a scavenge copies, and so what its pause is made of.
import { spawnSync } from "node:child_process";
import { Session } from "node:inspector/promises";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { Person, startServer } from "../packages/server/test/harness.ts";
import { startTestRedis } from "../packages/server/test/support/redis-server.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const SURVIVORS = args.has("survivors");
const V8_FLAGS = SURVIVORS
  ? ["--expose-gc"]
  : ["--expose-gc", "--max-semi-space-size=512", "--min-semi-space-size=512"];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Flags NODE_OPTIONS refuses: run again with them.
  const again = spawnSync(process.execPath, [...V8_FLAGS, ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(again.status ?? 1);
}
const collect = gc!;

const MOVES = Number(args.get("moves") ?? 300);
const CARDS = Number(args.get("cards") ?? 200);
const ROUNDS = 5;
const LISTS = 4;
/** Moves in flight at once in `--survivors`, as on a worker serving a busy hour. */
const IN_FLIGHT = 16;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const redis = await startTestRedis();
const db = await createTempDatabase();
const server = await startServer(
  {
    REDIS_URL: redis.url,
    TACK_REDIS_PREFIX: `alloc_${Date.now()}:`,
    DATABASE_URL: db.url,
    TACK_TOKEN_RATE_LIMIT: "100000000",
    // As in production: the test suite's frozen shared objects cost allocation of their own.
    TACK_CHECK_SHARED_OBJECTS: "0",
  },
  "postgres",
);
try {
  const owner = await Person.signUp(server, "allocation");
  const board = (await owner.post("/1/boards", { name: "Allocation" })).body;
  const lists: string[] = [];
  for (let i = 0; i < LISTS; i++)
    lists.push((await owner.post("/1/lists", { idBoard: board.id, name: `List ${i}` })).body.id);
  const cards: string[] = [];
  for (let i = 0; i < CARDS; i++)
    cards.push((await owner.post("/1/cards", { idList: lists[i % LISTS], name: `Card ${i}` })).body.id);
  // As the web client moves a card: its session, its CSRF token, the board named for routing.
  const headers = {
    "content-type": "application/json",
    cookie: owner.cookie,
    "x-csrf-token": owner.csrf,
    "x-tack-board": board.id,
  };
  let k = 0;
  const move = async () => {
    const i = k++;
    const res = await fetch(`${server.url}/1/cards/${cards[(i * 7) % CARDS]}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ idList: lists[(i * 3 + 1) % LISTS], pos: "bottom" }),
    });
    if (res.status !== 200) throw new Error(`move answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const livez = async () => {
    const res = await fetch(`${server.url}/livez`);
    if (res.status !== 200) throw new Error(`/livez answered ${res.status}`);
    await res.arrayBuffer();
  };
  // Warm: compiled code, the access and token caches, the board's copy.
  for (let i = 0; i < 1_500; i++) await move();
  for (let i = 0; i < 500; i++) await livez();
  if (SURVIVORS) await survivors(move);
  else await allocated(move, livez);
} finally {
  await server.stop();
  await db.drop();
  await redis.stop();
}

/** Bytes per call over `MOVES` calls, each round from a collected heap; the median round. */
async function perCall(call: () => Promise<void>): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    collect();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < MOVES; i++) await call();
    rounds.push((process.memoryUsage().heapUsed - before) / MOVES);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

async function allocated(move: () => Promise<void>, livez: () => Promise<void>): Promise<void> {
  const moveBytes = await perCall(move);
  const livezBytes = await perCall(livez);
  console.log(
    `Bytes allocated per call, ${MOVES} calls a round, median of ${ROUNDS} rounds (server and client in one process; ${CARDS} cards in ${LISTS} lists, each move to the bottom of another list):`,
  );
  console.log();
  console.log("| call | KB allocated |");
  console.log("| --- | ---: |");
  console.log(`| PUT /1/cards/{id}, a move | ${kb(moveBytes)} |`);
  console.log(`| GET /livez | ${kb(livezBytes)} |`);
  console.log(`| a move beyond the bare HTTP exchange | ${kb(moveBytes - livezBytes)} |`);

  if (args.has("sites")) {
    const sites = await sampledSites({ keepYoungGarbage: true }, async () => {
      for (let i = 0; i < MOVES; i++) await move();
    });
    console.log();
    console.log(`Where a move's bytes were allocated, by the nearest Tack function on the stack (sampled):`);
    printSites(sites, MOVES);
  }
}

/**
 * The bytes allocated while `run` ran, by site (`bySite`), sampled by V8's heap profiler. Objects an
 * old-generation collection took count; those a young one took count only with `keepYoungGarbage`.
 */
async function sampledSites(
  { keepYoungGarbage }: { keepYoungGarbage: boolean },
  run: () => Promise<void>,
): Promise<Array<[string, number]>> {
  const session = new Session();
  session.connect();
  try {
    await session.post("HeapProfiler.startSampling", {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: keepYoungGarbage,
    });
    await run();
    const { profile } = await session.post("HeapProfiler.stopSampling");
    return bySite(profile.head);
  } finally {
    session.disconnect();
  }
}

/** The 25 largest sites as a table, per move. */
function printSites(sites: ReadonlyArray<[string, number]>, moves: number): void {
  console.log();
  console.log("| function | KB per move |");
  console.log("| --- | ---: |");
  for (const [site, bytes] of sites.slice(0, 25)) console.log(`| ${site} | ${kb(bytes / moves)} |`);
}

/**
 * What outlived a young-generation collection while `MOVES` moves ran, 16 at a time: V8's sampling
 * heap profiler keeps the objects collected by the old generation's collections and drops those
 * the young one's collected, and a last young collection at the end drops what was still only
 * young garbage. So each site's bytes are what a scavenge had to copy (and, once old enough,
 * promote), plus the little still live at the end.
 */
async function survivors(move: () => Promise<void>): Promise<void> {
  const total = MOVES * 10;
  const minor: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR)
        minor.push(entry.duration);
  });
  observer.observe({ entryTypes: ["gc"] });
  collect();
  let started = 0;
  const lane = async () => {
    while (started < total) {
      started += 1;
      await move();
    }
  };
  const sites = await sampledSites({ keepYoungGarbage: false }, async () => {
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    (globalThis as { gc?: (o: object) => void }).gc!({ type: "minor", execution: "sync" });
  });
  observer.disconnect();
  const sum = sites.reduce((n, [, bytes]) => n + bytes, 0);
  const pauses = minor.sort((a, b) => a - b);
  console.log(
    `What outlived a young-generation collection, ${total} moves, ${IN_FLIGHT} at a time (server and client in one process; ${CARDS} cards in ${LISTS} lists): ${kb(sum / total)} KB per move; ${pauses.length} young collections, median pause ${(pauses[pauses.length >> 1] ?? 0).toFixed(1)} ms, longest ${(pauses.at(-1) ?? 0).toFixed(1)} ms.`,
  );
  printSites(sites, total);
}

type ProfileNode = {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
};

/** Sampled bytes by the innermost frame in Tack's own packages (else "outside Tack"), largest first. */
function bySite(head: ProfileNode): Array<[string, number]> {
  const sites = new Map<string, number>();
  const walk = (node: ProfileNode, nearest: string) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const inTack = /\/packages\/(server|shared)\/src\//.test(url) && !url.includes("node_modules");
    const here = inTack
      ? `${functionName || "(anonymous)"} ${url.replace(/.*\/packages\//, "")}:${lineNumber + 1}`
      : nearest;
    if (node.selfSize > 0) sites.set(here, (sites.get(here) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(head, "outside Tack (HTTP, streams, drivers, the client)");
  return [...sites].sort((a, b) => b[1] - a[1]);
}
