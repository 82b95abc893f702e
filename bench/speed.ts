// Speed near the floor (issue 16): card moves, one busy board, change → other sockets, and polling,
// each measured beside its FLOOR, the bare work for the same operation, in the same run, from the
// same load generator with the same number of clients:
//   - moves / busy board: a single-row update plus an action insert in one transaction through the
//     same driver (`pg`), as BEGIN; UPDATE; INSERT; COMMIT on tables of the same shape (the busy
//     board also gets the floor of one totally ordered board: the same with the board row's
//     seq bumped first, which serializes its writers the way Tack must);
//   - push: the same floor transaction at the same open-loop rate (a change cannot reach another
//     socket before its transaction commits); the writes made each way `--via` names, over HTTP or
//     as one more person's socket on the board;
//   - polling: a trivial HTTP answer from the same server (`GET /livez`, Fastify, no I/O), and the
//     database transactions and Redis commands per poll, read from PostgreSQL's and Redis's own
//     counters.
// Two Tack processes (PostgreSQL, Redis) as in production, each board's requests and sockets on one
// of them as HAProxy routes them (`--route=round-robin`: every board's over both, as before 0062).
// Moves, the busy board and polling are measured twice: closed loop (each client waits for its
// answer: the most the machine does, with a saturated machine's queue in the p99) and open loop at
// the issue's goal rate (a p99 at a rate), after a warm-up that is not measured.
// Run: npm run bench -- speed [--only=moves,busy,push,poll] [--seconds=4] [--rounds=3]
//      [--clients=16,32] [--busy-clients=50] [--rates=100,200] [--watchers=200] [--pollers=64]
//      [--move-rate=1000] [--busy-rate=500] [--poll-rate=10000] [--warm-up=2] [--jit-warm-up=60]
//      [--people=1] [--mutation-ids]
//      (rates may be lists: --move-rate=200,1000)
//      [--route=board|round-robin] [--pg-settings=commit_delay:100,commit_siblings:2] [--via=http|socket]
//      [--metrics]   (after the moves' steady rates and the push phase: the servers' own histograms
//                     for them, bench/server-metrics)
// The two Tack processes take V8 and Node flags from SERVER_NODE_OPTIONS (what NODE_OPTIONS allows:
// `--cpu-prof …`, `--max-semi-space-size=64`) or SERVER_NODE_ARGS (any: `--trace-gc`,
// `--heapsnapshot-signal=SIGWINCH`); the load generator runs without them.
// The moves are also measured against the HTTP floor: the floor's transaction behind a bare
// node:http server (bench/http-floor-server.ts), the least a Node.js service answering HTTP does.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { ServerMessage } from "@tack/shared/protocol";
import { Redis } from "ioredis";
import pg from "pg";
import WebSocket from "ws";
import { Person } from "../packages/server/test/harness.ts";
import { startTestRedis } from "../packages/server/test/support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "../packages/server/test/support/server-process.ts";
import { SocketClient } from "../packages/server/test/support/socket-client.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";
import { CpuMeter, type CpuSplit, perOperation } from "./cpu-meter.ts";
import { floorActionInsert, floorCardUpdate } from "./floor-statements.ts";
import { closeConnections, send } from "./lib.ts";
import { PgWriteCounter, writesPerOperation } from "./pg-counters.ts";
import {
  counterGrowth,
  gcPauses,
  histogramLines,
  type Samples,
  scrapeMetrics,
  seriesSum,
} from "./server-metrics.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const option = (name: string, fallback: number) => Number(args.get(name) ?? fallback);
const list = (name: string, fallback: string) => (args.get(name) ?? fallback).split(",");
const only = new Set(list("only", "moves,busy,push,poll"));
const SECONDS = option("seconds", 4);
const ROUNDS = option("rounds", 3);
const WARM_UP = option("warm-up", 2);
/**
 * A fresh process's first minute of load is not the server's steady state: V8 keeps compiling its
 * hot code that long (TurboFan was a tenth of the workers' CPU 20-30 s in), and a server that has
 * run for hours has long finished. Each kind of load (moves over HTTP, over sockets, polls; the
 * HTTP floor's) first runs this long unmeasured (`--jit-warm-up`), later warm-ups `--warm-up`.
 */
const JIT_WARM_UP = option("jit-warm-up", 60);
/** How many people make the moves (`--people`; 1: the board's owner makes them all). */
const PEOPLE = option("people", 1);
/**
 * Where a board's requests go (`--route`): `board` sends all of a board's requests to one process,
 * as HAProxy's hash of the board id does in production (decision 0062; the boards take the two
 * processes in turn, as a hash over many boards spreads them evenly); `round-robin` spreads every
 * board's requests over both, as HAProxy did before. Polls are round robin either way: the pollers
 * stand for many boards' pollers.
 */
const ROUTE = args.get("route") ?? "board";
/** Whether each move carries a client mutation id, as the web client's writes do (`--mutation-ids`). */
const MUTATION_IDS = args.has("mutation-ids");
/**
 * How the moves travel (`--via`, each measured in turn): `http`, a Trello API client's `PUT
 * /1/cards/{id}`; `socket`, the web client's way, a `mutation` frame over its WebSocket answered by
 * `mutation.ack` (each with its client mutation id, as the protocol requires).
 */
type Via = "http" | "socket";
const VIAS = list("via", "http,socket").map((via): Via => {
  if (via !== "http" && via !== "socket") throw new Error(`--via takes http, socket or both: ${via}`);
  return via;
});
const VIA_NAMES: Record<Via, string> = {
  http: "over HTTP (`PUT /1/cards/{id}`, a Trello API client's way)",
  socket: "each a `mutation` frame over a WebSocket subscribed to the board (the web client's way)",
};
/** How long a socket write may go unanswered before it counts as failed (a bench never hangs). */
const SOCKET_WRITE_TIMEOUT_MS = 30_000;
/**
 * `--pg-settings=commit_delay:100,commit_siblings:2`: PostgreSQL settings for this run's database
 * (ALTER DATABASE … SET, before any connection), to try what an operator could tune.
 */
const PG_SETTINGS = list("pg-settings", "")
  .filter(Boolean)
  .map((pair) => {
    const [name, value] = pair.split(":") as [string, string | undefined];
    if (!/^[a-z_]+$/.test(name) || value === undefined || !/^[\w.]+$/.test(value))
      throw new Error(`--pg-settings takes name:value pairs: ${pair}`);
    return { name, value };
  });
let mutationsSent = 0;

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per completed operation, by part (closed-loop runs). */
  cpu?: CpuSplit;
  /** What PostgreSQL wrote per completed operation (open-loop runs at a rate). */
  writes?: { wal: number; transactions: number };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function runOf(latencies: number[], seconds: number, errors: number): Run {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    errors,
  };
}

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The median of each measure over the rounds, so one noisy round of a shared machine does not decide. */
function median(runs: Run[]): Run {
  const pick = (key: "perSecond" | "p50" | "p99" | "errors") => middle(runs.map((r) => r[key]));
  const measured = runs.map((r) => r.cpu).filter((c): c is CpuSplit => c !== undefined);
  const cpuOf = (part: keyof CpuSplit) => middle(measured.map((c) => c[part]));
  const written = runs.map((r) => r.writes).filter((w) => w !== undefined);
  return {
    perSecond: pick("perSecond"),
    p50: pick("p50"),
    p99: pick("p99"),
    errors: pick("errors"),
    ...(measured.length > 0 && {
      cpu: { tack: cpuOf("tack"), postgres: cpuOf("postgres"), redis: cpuOf("redis"), load: cpuOf("load") },
    }),
    ...(written.length > 0 && {
      writes: {
        wal: middle(written.map((w) => w.wal)),
        transactions: middle(written.map((w) => w.transactions)),
      },
    }),
  };
}

/** The server side's CPU per operation (Tack, PostgreSQL, Redis) over the floor's (PostgreSQL). */
function serverShare(tack: Run, floor: Run): string {
  if (!tack.cpu || !floor.cpu) return "-";
  return `${((tack.cpu.tack + tack.cpu.postgres + tack.cpu.redis) / floor.cpu.postgres).toFixed(1)}×`;
}

/** CPU per operation as table cells: Tack, PostgreSQL, Redis, the load generator, and the sum. */
function cpuCells(run: Run): string {
  const c = run.cpu;
  if (!c) return "- | - | - | - | -";
  return [c.tack, c.postgres, c.redis, c.load, c.tack + c.postgres + c.redis + c.load].map(f2).join(" | ");
}

/**
 * The board transactions of both processes between two scrapes, and the shares that ran on the
 * process's copy before the lock and committed from it (at its version; or behind the board, with
 * nothing they read written since), that found the copy stale, and that ran on a fresh read
 * without the lock (no copy, or a stale one) and committed, or found it stale too and ran again
 * under the lock (decisions 0049, 0053, 0055, 0057).
 */
function copyShares(
  before: Samples[],
  after: Samples[],
): {
  transactions: number;
  committed: number;
  behind: number;
  stale: number;
  read: number;
  readStale: number;
  accessReads: number;
} {
  const grown = (name: string, labels: Record<string, string>) => counterGrowth(before, after, name, labels);
  const transactions = grown("tack_store_duration_seconds_count", { op: "transact" });
  const share = (n: number) => (transactions > 0 ? (100 * n) / transactions : Number.NaN);
  return {
    transactions,
    committed: share(grown("tack_board_copy_writes_total", { result: "committed" })),
    behind: share(grown("tack_board_copy_writes_total", { result: "behind" })),
    stale: share(grown("tack_board_copy_writes_total", { result: "stale" })),
    read: share(grown("tack_board_copy_writes_total", { result: "read" })),
    readStale: share(grown("tack_board_copy_writes_total", { result: "read_stale" })),
    // The store's read of a written object's board and the person's access (decisions 0044, 0060).
    accessReads: share(grown("tack_store_duration_seconds_count", { op: "objectAccess" })),
  };
}

/** What PostgreSQL wrote per operation as table cells: write transactions, WAL bytes. */
function writeCells(run: Run): string {
  const w = run.writes;
  return w ? `${f2(w.transactions)} | ${f0(w.wal)}` : "- | -";
}

const f1 = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(1));
const f0 = (n: number) => n.toFixed(0);
const f2 = (n: number) => (Number.isNaN(n) ? "-" : n.toFixed(2));

/** Set once the Tack processes run: every closed-loop run is measured by it. */
let meter: CpuMeter | null = null;

/** `clients` closed-loop workers, each running `op` back to back for `seconds`. */
async function closedLoop(
  clients: number,
  seconds: number,
  op: (worker: number, i: number) => Promise<boolean>,
  by: CpuMeter | null = meter,
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const run = async () => {
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, worker) => {
        for (let i = 0; performance.now() < end; i++) {
          const t0 = performance.now();
          const ok = await op(worker, i).catch(() => false);
          if (ok) latencies.push(performance.now() - t0);
          else errors++;
        }
      }),
    );
  };
  if (!by) {
    await run();
    return runOf(latencies, seconds, errors);
  }
  const { cpu } = await by.measure(run);
  return { ...runOf(latencies, seconds, errors), cpu: perOperation(cpu, latencies.length + errors) };
}

/** Set once the database runs: what PostgreSQL wrote during each measured open-loop run. */
let pgWrites: PgWriteCounter | null = null;

/** `openLoop` with the CPU of each part (`by`) and PostgreSQL's writes, per completed operation. */
async function measuredOpenLoop(
  by: CpuMeter,
  rate: number,
  op: (k: number) => Promise<boolean>,
): Promise<Run> {
  const { result: measured, writes } = await pgWrites!.measure(() =>
    by.measure(() => openLoop(rate, SECONDS, op)),
  );
  const { result, cpu } = measured;
  const done = result.perSecond * SECONDS;
  return { ...result, cpu: perOperation(cpu, done), writes: writesPerOperation(writes, done) };
}

/** Numbers every open-loop operation, across runs (the push phase names its writes by it). */
let opened = 0;

/**
 * `rate` operations a second for `seconds`, each started on schedule however many are still in
 * flight (open loop): a slow answer does not hold the next one back, so the latencies include the
 * queueing that a steady arrival rate meets, which a closed loop hides by slowing down. At most
 * 256 in flight; an operation beyond that, or one that fails, counts as skipped.
 */
async function openLoop(rate: number, seconds: number, op: (k: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let skipped = 0;
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  let next = start;
  while (performance.now() < start + seconds * 1000) {
    const now = performance.now();
    if (now < next) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - now - 0.5)));
      continue;
    }
    next += 1000 / rate;
    if (inFlight.size >= 256) {
      skipped++;
      continue;
    }
    const t0 = performance.now();
    const p = op(opened++)
      .then((ok) => {
        if (ok) latencies.push(performance.now() - t0);
        else skipped++;
      })
      .catch(() => void skipped++)
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return runOf(latencies, seconds, skipped);
}

type BoardChangeMessage = Extract<ServerMessage, { type: "board.change" }>;

/**
 * One web client's socket, used as the web client uses it (packages/web/src/live/board-feed.ts):
 * subscribed to its board, so it hears every change made there, and each write a `mutation` frame
 * with its own id, answered by a `mutation.ack` (or `mutation.reject`) of that id. The server runs
 * one socket's mutations one after another, in the order sent.
 */
class SocketTunnel {
  private readonly ws: WebSocket;
  private readonly name: string;
  private readonly waiting = new Map<string, (status: number) => void>();
  private sent = 0;

  private constructor(ws: WebSocket, name: string, hear?: (change: BoardChangeMessage) => void) {
    this.ws = ws;
    this.name = name;
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"mutation.')) {
        const m = JSON.parse(text) as Extract<ServerMessage, { type: "mutation.ack" | "mutation.reject" }>;
        this.waiting.get(m.id)?.(m.status);
        return;
      }
      // Unless someone listens (`hear`), the board's changes are dropped unread: the load generator
      // stands for many browsers, not for their work.
      if (!hear) return;
      const m = JSON.parse(text) as ServerMessage;
      if (m.type === "board.change") hear(m);
    });
    ws.on("close", () => {
      for (const answered of [...this.waiting.values()]) answered(0);
    });
  }

  /** Opens the socket as `token`'s person and subscribes it to `board`; `hear` gets its changes. */
  static async open(
    base: string,
    token: string,
    board: string,
    name: string,
    hear?: (change: BoardChangeMessage) => void,
  ): Promise<SocketTunnel> {
    const ws = new WebSocket(SocketClient.url(base, { token }));
    const tunnel = new SocketTunnel(ws, name, hear);
    await new Promise<void>((resolve, reject) => {
      ws.on("message", function subscribed(data) {
        const m = JSON.parse(data.toString()) as ServerMessage;
        if (m.type === "hello") ws.send(JSON.stringify({ type: "board.subscribe", board }));
        else if (m.type === "board.subscribed") {
          ws.off("message", subscribed);
          resolve();
        }
      });
      ws.once("error", reject);
      ws.once("unexpected-response", (_request, response) =>
        reject(new Error(`socket refused with HTTP ${response.statusCode}`)),
      );
    });
    return tunnel;
  }

  /** A write's answer status (0: the socket closed, or no answer came in time). */
  write(method: "PUT" | "POST" | "DELETE", path: string, body: Record<string, unknown>): Promise<number> {
    if (this.ws.readyState !== WebSocket.OPEN) return Promise.resolve(0);
    const id = `${this.name}-${++this.sent}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => answered(0), SOCKET_WRITE_TIMEOUT_MS);
      const answered = (status: number) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(status);
      };
      this.waiting.set(id, answered);
      this.ws.send(JSON.stringify({ type: "mutation", id, method, path, body }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** The floor's connections and tables: a card row and an action row, like `objects` and `actions`. */
class Floor {
  readonly clients: pg.Client[] = [];
  private readonly url: string;
  private n = 0;
  private free: pg.Client[] = [];
  private readonly waiting: Array<(c: pg.Client) => void> = [];

  constructor(url: string) {
    this.url = url;
  }

  async open(count: number): Promise<void> {
    const admin = new pg.Client({ connectionString: this.url });
    await admin.connect();
    await admin.query(`CREATE TABLE IF NOT EXISTS floor_boards (id int PRIMARY KEY, seq bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_cards (id int PRIMARY KEY, board_id int NOT NULL, doc jsonb NOT NULL);
      CREATE TABLE IF NOT EXISTS floor_actions (id text PRIMARY KEY, board_id int NOT NULL, seq bigint,
        card_id int NOT NULL, date text NOT NULL, data jsonb NOT NULL);
      INSERT INTO floor_boards SELECT g, 0 FROM generate_series(1, 8) g ON CONFLICT DO NOTHING;
      INSERT INTO floor_cards SELECT g, 1 + g % 8, jsonb_build_object('name', 'Card ' || g, 'pos', g * 1024, 'idList', 'l')
        FROM generate_series(1, 400) g ON CONFLICT DO NOTHING;`);
    await admin.end();
    while (this.clients.length < count) {
      const client = new pg.Client({ connectionString: this.url });
      await client.connect();
      this.clients.push(client);
    }
    this.free = [...this.clients];
  }

  /** One card move's bare work: BEGIN; UPDATE the card; INSERT the action; COMMIT. */
  async move(worker: number, card: number, board: number | null): Promise<boolean> {
    const c = this.clients[worker % this.clients.length]!;
    return this.moveOn(c, card, board);
  }

  /** The same on whichever connection is free (open loop: more in flight than connections). */
  async moveAny(card: number): Promise<boolean> {
    const c = this.free.pop() ?? (await new Promise<pg.Client>((resolve) => this.waiting.push(resolve)));
    try {
      return await this.moveOn(c, card, null);
    } finally {
      const next = this.waiting.shift();
      if (next) next(c);
      else this.free.push(c);
    }
  }

  private async moveOn(c: pg.Client, card: number, board: number | null): Promise<boolean> {
    const id = `${process.pid}-${this.n++}-${Math.random()}`;
    await c.query("BEGIN");
    let seq: number | null = null;
    if (board !== null) {
      const r = await c.query({
        name: "floor_seq",
        text: "UPDATE floor_boards SET seq = seq + 1 WHERE id = $1 RETURNING seq",
        values: [board],
      });
      seq = Number(r.rows[0].seq);
    }
    await c.query(floorCardUpdate(card));
    await c.query(floorActionInsert(id, card, board, seq));
    await c.query("COMMIT");
    return true;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.end()));
  }
}

/**
 * The HTTP floor (bench/http-floor-server.ts): the floor's transaction behind a bare node:http
 * server, two processes like Tack's, requests round robin; uses the Floor's tables (open it first).
 */
class HttpFloor {
  readonly meter: CpuMeter;
  private readonly urls: string[];
  private readonly children: ChildProcess[];

  private constructor(children: ChildProcess[], urls: string[]) {
    this.children = children;
    this.urls = urls;
    this.meter = new CpuMeter(children.map((c) => c.pid!));
  }

  static async start(databaseUrl: string): Promise<HttpFloor> {
    const children: ChildProcess[] = [];
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, "http-floor-server.ts"), databaseUrl],
        {
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      children.push(child);
      // Its port, or the reason it could not start (not a wait for ever).
      const port = await Promise.race([
        once(child.stdout!, "data").then(([line]) => String(line).trim()),
        once(child, "exit").then(([code]) => {
          throw new Error(`the HTTP floor server exited (${code}) before listening`);
        }),
      ]);
      urls.push(`http://127.0.0.1:${port}`);
    }
    return new HttpFloor(children, urls);
  }

  /** Move `n`, of `card` (the database floor's card for the same move), as Tack's are sent: a PUT
   * with a small JSON body, on process `n % 2`. */
  move(n: number, card: number): Promise<boolean> {
    return send("PUT", `${this.urls[n % 2]}/move/${card}`, { idList: "l", pos: "bottom" }).then(
      (r) => r.status === 200,
    );
  }

  async stop(): Promise<void> {
    const running = this.children.filter((child) => child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map((child) => {
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        return exited;
      }),
    );
  }
}

async function seedBoard(owner: Person, name: string, lists: number, cards: number) {
  const board = (await owner.post("/1/boards", { name })).body;
  const listIds: string[] = [];
  for (let i = 0; i < lists; i++)
    listIds.push((await owner.post("/1/lists", { idBoard: board.id, name: `List ${i}` })).body.id);
  const cardIds: string[] = [];
  for (let i = 0; i < cards; i += 16) {
    const made = await Promise.all(
      Array.from({ length: Math.min(16, cards - i) }, (_, j) =>
        owner.post("/1/cards", { idList: listIds[(i + j) % lists], name: `Card ${i + j}` }),
      ),
    );
    cardIds.push(...made.map((r) => r.body.id as string));
  }
  return { id: board.id as string, listIds, cardIds };
}

const PUSH_HISTOGRAMS = [
  "tack_http_request_duration_seconds",
  "tack_store_duration_seconds",
  "tack_redis_duration_seconds",
  "tack_fanout_lag_seconds",
  "tack_nodejs_gc_duration_seconds",
] as const;

/** With --metrics: what the two Tack processes' own histograms gained over a phase, summed. */
function insideLines(phase: string, before: Samples[], after: Samples[]): string[] {
  return [
    "",
    `Inside the two Tack processes during ${phase} (their own histograms, summed):`,
    "",
    ...histogramLines(before, after, PUSH_HISTOGRAMS),
  ];
}

/**
 * A process's event loop delay gauge, ms (`q`: p99, max). prom-client resets its histogram at every
 * scrape, so the gauge covers the time since the one before: read it only where nothing else
 * scraped during the phase. The gauges carry the process's default labels: found by name prefix.
 */
function loopDelay(m: Samples, q: "p99" | "max"): string {
  const key = [...m.keys()].find((k) => k.startsWith(`tack_nodejs_eventloop_lag_${q}_seconds`));
  return ((key ? m.get(key)! : Number.NaN) * 1000).toFixed(1);
}

const POSITIONS = ["top", "bottom", 1000, 70_000, 150_000] as const;

async function main(): Promise<void> {
  const db = await createTempDatabase();
  if (PG_SETTINGS.length > 0) {
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    for (const { name, value } of PG_SETTINGS)
      await admin.query(`ALTER DATABASE ${db.name} SET ${name} = '${value}'`);
    await admin.end();
  }
  const redis = await startTestRedis();
  const services = { databaseUrl: db.url, redisUrl: redis.url, redisPrefix: `speed_${Date.now()}:` };
  // SERVER_NODE_OPTIONS tries a V8 or Node flag on the two Tack processes only (not this one).
  const serverEnv: Record<string, string> = process.env.SERVER_NODE_OPTIONS
    ? { NODE_OPTIONS: process.env.SERVER_NODE_OPTIONS }
    : {};
  // SERVER_LOG_LEVEL runs them at another log level (`info`, production's default), their lines
  // going to this process's stdout.
  if (process.env.SERVER_LOG_LEVEL) serverEnv.LOG_LEVEL = process.env.SERVER_LOG_LEVEL;
  // The movers sign up from one address, past the sign-up throttle's budget.
  if (PEOPLE > 1) serverEnv.TACK_AUTH_RATE_LIMIT = "100000";
  const servers: ServerProcess[] = [await startServerProcess("a", services, serverEnv)];
  try {
    servers.push(await startServerProcess("b", services, serverEnv));
  } catch (error) {
    await servers[0]!.stop(); // not left running when the second cannot start
    throw error;
  }
  const floor = new Floor(db.url);
  pgWrites = await PgWriteCounter.open(db.url);
  /** What a phase started and the end stops (after the load generator's connections close). */
  const stopLater: Array<() => Promise<void>> = [];
  const out: string[] = [];
  const report = (line = "") => {
    out.push(line);
    console.log(line);
  };
  try {
    const owner = await Person.signUp(servers[0]!.asTestServer(), "bench");
    /** The API over the lean client (http-load.ts), on process `i % 2`, with the owner's token. */
    const api = (i: number, method: string, path: string, body?: unknown, token = owner.token) =>
      send(
        method,
        `${servers[i % 2]!.url}${path}${path.includes("?") ? "&" : "?"}key=${"0".repeat(32)}&token=${token}`,
        body,
        // Each move its own mutation id, as the web client sends every write (--mutation-ids).
        MUTATION_IDS && method !== "GET" ? { "x-tack-mutation-id": `m-${i}-${++mutationsSent}` } : {},
      );
    /** The tokens of the people who move cards: move `k` is made by `movers[k % movers.length]`. */
    const movers = [owner.token];
    /** The movers' member ids, the owner's aside (signed up on first use, `--people`). */
    const moverIds: string[] = [];
    /**
     * Many people, each a normal member of every board moved on, take turns: each moves a card they
     * have rarely moved before, as on a real team's boards, instead of one person moving the same
     * cards over and over (whose access to each card every cache then holds).
     */
    const addMovers = async (boardIds: readonly string[]) => {
      for (let p = moverIds.length + 1; p < PEOPLE; p++) {
        const person = await Person.signUp(servers[p % 2]!.asTestServer(), `mover${p}`);
        moverIds.push(person.id);
        movers.push(person.token);
      }
      for (const id of moverIds)
        for (const boardId of boardIds) {
          const added = await owner.put(`/1/boards/${boardId}/members/${id}`, { type: "normal" });
          if (added.status !== 200) throw new Error(`adding a mover failed: ${added.status}`);
        }
    };
    meter = new CpuMeter(servers.map((s) => s.pid));
    const { loadavg, cpus } = await import("node:os");
    report(
      `${cpus().length} cores; 2 Tack processes + PostgreSQL + Redis + this load generator share them; load average at start ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}; ${SECONDS} s rounds, median of ${ROUNDS}`,
    );
    /** What each move cost the machine, by part: where the cores went (cpu-meter.ts). */
    const reportCpu = (operation: string, rows: string[]) => {
      report();
      report(
        `CPU per ${operation}, ms (utime + stime of each part over the run, divided by the ${operation}s):`,
      );
      report();
      report(
        "| load | what | Tack processes | PostgreSQL | Redis | load generator | all | Tack + PostgreSQL + Redis / floor's PostgreSQL |",
      );
      report("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (const row of rows) report(row);
    };
    type Seeded = Awaited<ReturnType<typeof seedBoard>>;
    /** The process each board's requests go to (`--route=board`), in turn as boards are first used. */
    const homes = new Map<string, number>();
    const processOf = (board: string, k: number) => {
      if (ROUTE !== "board") return k;
      if (!homes.has(board)) homes.set(board, homes.size);
      return homes.get(board)!;
    };
    /**
     * A board made and filled on the process its requests will go to (`--route=board`), as behind
     * HAProxy the web client's writes name their board: the other process then holds no copy of it
     * and drops its writes unread, where made on one process for all, that one carried every other
     * board's writes into a copy it never used again (decision 0050).
     */
    const seed = async (name: string, lists: number, cards: number) => {
      const home = ROUTE === "board" ? homes.size % 2 : 0;
      const board = await seedBoard(owner.on(servers[home]!.asTestServer()), name, lists, cards);
      processOf(board.id, 0);
      return board;
    };
    /** Each board's sockets, on its process, subscribed to it (`openTunnels`), by lane. */
    const tunnels = new Map<string, SocketTunnel[]>();
    stopLater.push(async () => {
      for (const tunnel of [...tunnels.values()].flat()) tunnel.close();
    });
    /** `perBoard` sockets on each board, as that many people with the board open have. */
    const openTunnels = async (boards: readonly Seeded[], perBoard: number) => {
      if (!VIAS.includes("socket")) return;
      for (const board of boards) {
        const lanes = tunnels.get(board.id) ?? [];
        tunnels.set(board.id, lanes);
        const server = servers[processOf(board.id, lanes.length) % 2]!;
        while (lanes.length < perBoard)
          lanes.push(
            await SocketTunnel.open(
              server.url,
              movers[lanes.length % movers.length]!,
              board.id,
              `bench-${board.id.slice(-6)}-${lanes.length}`,
            ),
          );
      }
    };
    let via: Via = VIAS[0]!;
    /**
     * Move number `k`: a card of `board` to a list and position that vary with `k`, over HTTP, or
     * when `via` is "socket" over the board's socket of lane `lane`.
     */
    const moveCard = (board: Seeded, k: number, lane = k) => {
      const path = `/1/cards/${board.cardIds[k % board.cardIds.length]}`;
      const body = { idList: board.listIds[k % board.listIds.length], pos: POSITIONS[k % POSITIONS.length] };
      if (via === "socket") {
        const lanes = tunnels.get(board.id)!;
        return lanes[lane % lanes.length]!.write("PUT", path, body).then((status) => status === 200);
      }
      return api(processOf(board.id, k), "PUT", path, body, movers[k % movers.length]).then(
        (r) => r.status === 200,
      );
    };
    /**
     * A closed loop's client `worker` moving cards on `boards`: over HTTP on each board in turn; over
     * a socket on one board, with its own socket there, as a person with the board open.
     */
    const movesOn =
      (boards: readonly Seeded[]) =>
      (worker: number, i: number): Promise<boolean> =>
        via === "socket"
          ? moveCard(boards[worker % boards.length]!, worker * 7919 + i, Math.floor(worker / boards.length))
          : moveCard(boards[(worker + i) % boards.length]!, worker * 7919 + i);
    /**
     * Moves at each steady rate (open loop) beside the floor at the same rate: the issue's goals are
     * a p99 at a rate, which a closed loop at full speed does not measure (its p99 is the queue of
     * a saturated machine). Several rates show what a move costs when it comes alone against when
     * moves share turns: CPU by part and what PostgreSQL wrote, per move, for Tack and both floors.
     */
    const atRates = async (
      rates: number[],
      move: (k: number) => Promise<boolean>,
      floorMove: (k: number) => Promise<boolean>,
      httpFloor?: HttpFloor,
    ) => {
      const latencyRows: string[] = [];
      const costRows: string[] = [];
      const pauseLines: string[] = [];
      for (const rate of rates) {
        const tack: Run[] = [];
        const bare: Run[] = [];
        const overHttp: Run[] = [];
        const countedBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        for (let r = 0; r < ROUNDS; r++) {
          tack.push(await measuredOpenLoop(meter!, rate, move));
          bare.push(await measuredOpenLoop(meter!, rate, floorMove));
          if (httpFloor)
            overHttp.push(
              await measuredOpenLoop(httpFloor.meter, rate, (k) => httpFloor.move(k, (k % 400) + 1)),
            );
        }
        const t = median(tack);
        const b = median(bare);
        const h = httpFloor ? median(overHttp) : null;
        const countedAfter = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        const copies = copyShares(countedBefore, countedAfter);
        pauseLines.push(`- ${rate}/s: ${gcPauses(countedBefore, countedAfter)}`);
        latencyRows.push(
          `| ${rate} | ${f0(t.perSecond)} | ${f1(t.p50)} | ${f1(t.p99)} | ${f1(b.p50)} | ${f1(b.p99)} | ${(t.p99 / b.p99).toFixed(1)} |${h ? ` ${f0(h.perSecond)} | ${f1(h.p50)} | ${f1(h.p99)} |` : ""} ${t.errors} |`,
        );
        costRows.push(
          `| ${rate} | Tack | ${cpuCells(t)} | ${writeCells(t)} | ${f0(copies.committed)} % / ${f0(copies.behind)} % / ${f0(copies.stale)} %; read ${f0(copies.read)} % / ${f0(copies.readStale)} % |`,
        );
        if (h)
          costRows.push(
            `| ${rate} | HTTP floor (its processes in Tack's column) | ${cpuCells(h)} | ${writeCells(h)} | |`,
          );
        costRows.push(`| ${rate} | floor | ${cpuCells(b)} | ${writeCells(b)} | |`);
      }
      report();
      report(
        `| moves/s (target) | achieved | p50 ms | p99 ms | floor p50 ms | floor p99 ms | Tack / floor (p99) |${httpFloor ? " HTTP floor achieved | HTTP floor p50 ms | HTTP floor p99 ms |" : ""} skipped |`,
      );
      report(
        `| ---: | ---: | ---: | ---: | ---: | ---: | ---: |${httpFloor ? " ---: | ---: | ---: |" : ""} ---: |`,
      );
      for (const row of latencyRows) report(row);
      report();
      report(
        "Per move at each rate: CPU ms by part, and what PostgreSQL wrote (write transactions, WAL bytes: bench/pg-counters.ts):",
      );
      report();
      report(
        "| moves/s | what | Tack processes | PostgreSQL | Redis | load generator | all | write transactions | WAL bytes | board transactions: copy at its version / past it / stale; fresh read committed / stale |",
      );
      report("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (const row of costRows) report(row);
      report();
      report(
        "Garbage-collection pauses in the two Tack processes at each rate, over all its rounds (the floors' runs leave them idle):",
      );
      report();
      for (const line of pauseLines) report(line);
    };
    /** How long a warm-up of this kind of load runs: the JIT's minute the first time, then WARM_UP. */
    const warmed = new Set<string>();
    const warmUpSeconds = (kind: string) => {
      const first = !warmed.has(kind);
      warmed.add(kind);
      return first ? Math.max(WARM_UP, JIT_WARM_UP) : WARM_UP;
    };
    /** Not measured: the first run of a kind of load compiles its code, later ones refill the caches. */
    const warmUp = (
      clients: number,
      op: (worker: number, i: number) => Promise<boolean>,
      kind: string = via,
      by?: CpuMeter | null,
    ) => closedLoop(clients, warmUpSeconds(kind), op, by);

    if (only.has("moves")) {
      const boards: Array<Awaited<ReturnType<typeof seedBoard>>> = [];
      for (let b = 0; b < 8; b++) boards.push(await seed(`Moves ${b}`, 4, 50));
      await addMovers(boards.map((b) => b.id));
      const socketsPerBoard = Math.ceil(Math.max(...list("clients", "16,32").map(Number)) / boards.length);
      await openTunnels(boards, socketsPerBoard);
      await floor.open(Math.max(...list("clients", "16,32").map(Number)));
      const httpFloor = await HttpFloor.start(db.url);
      stopLater.push(() => httpFloor.stop());
      await warmUp(32, (w, i) => httpFloor.move(i, ((w * 31 + i) % 400) + 1), "http floor", null);
      for (const next of VIAS) {
        via = next;
        await warmUp(32, movesOn(boards));
        const countedBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        report();
        report(
          `### Durable card moves ${VIA_NAMES[via]}, 8 boards of 50 cards, ${ROUTE === "board" ? "each board's moves on one of the two processes" : "round robin over both processes"}${PEOPLE > 1 ? `, ${PEOPLE} people taking turns` : ""}${via === "socket" ? `; ${socketsPerBoard} sockets on each board, each closed-loop client moving on one board over its own` : ""}`,
        );
        report();
        report(
          "| clients | Tack moves/s | p50 ms | p99 ms | floor tx/s | floor p50 ms | floor p99 ms | Tack / floor (rate) | Tack / floor (p99) | errors |",
        );
        report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        const cpuRows: string[] = [];
        const httpRows: string[] = [];
        for (const clients of list("clients", "16,32").map(Number)) {
          const tack: Run[] = [];
          const bare: Run[] = [];
          const overHttp: Run[] = [];
          for (let r = 0; r < ROUNDS; r++) {
            tack.push(await closedLoop(clients, SECONDS, movesOn(boards)));
            bare.push(
              await closedLoop(clients, SECONDS, (w, i) => floor.move(w, ((w * 31 + i) % 400) + 1, null)),
            );
            overHttp.push(
              await closedLoop(
                clients,
                SECONDS,
                (w, i) => httpFloor.move(i, ((w * 31 + i) % 400) + 1),
                httpFloor.meter,
              ),
            );
          }
          const t = median(tack);
          const b = median(bare);
          const h = median(overHttp);
          cpuRows.push(`| ${clients} | Tack | ${cpuCells(t)} | ${serverShare(t, b)} |`);
          cpuRows.push(`| ${clients} | floor | ${cpuCells(b)} | |`);
          cpuRows.push(
            `| ${clients} | HTTP floor (its processes in Tack's column) | ${cpuCells(h)} | ${serverShare(h, b)} |`,
          );
          report(
            `| ${clients} | ${f0(t.perSecond)} | ${f1(t.p50)} | ${f1(t.p99)} | ${f0(b.perSecond)} | ${f1(b.p50)} | ${f1(b.p99)} | ${(t.perSecond / b.perSecond).toFixed(2)} | ${(t.p99 / b.p99).toFixed(1)} | ${t.errors} |`,
          );
          httpRows.push(
            `| ${clients} | ${f0(h.perSecond)} | ${f1(h.p50)} | ${f1(h.p99)} | ${(h.perSecond / b.perSecond).toFixed(2)} | ${(t.perSecond / h.perSecond).toFixed(2)} | ${h.errors} |`,
          );
        }
        report();
        report(
          "The HTTP floor in the same rounds: the floor's transaction behind a bare node:http server, two processes, requests round robin (bench/http-floor-server.ts):",
        );
        report();
        report(
          "| clients | HTTP floor moves/s | p50 ms | p99 ms | HTTP floor / floor (rate) | Tack / HTTP floor (rate) | errors |",
        );
        report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (const row of httpRows) report(row);
        reportCpu("move", cpuRows);
        const rates = list("move-rate", "1000").map(Number);
        report();
        report(
          `At a steady ${rates.join(", ")} moves/s over the same 8 boards (open loop), and the floor at the same rates:`,
        );
        const steadyBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        await atRates(
          rates,
          // The board is a hash of k: with --route=round-robin its moves reach both processes.
          (k) => moveCard(boards[Math.imul(k, 2654435761) >>> 29]!, k),
          (k) => floor.moveAny((k % 400) + 1),
          httpFloor,
        );
        // How often a process's copy of the board saved the lock's round trip (decisions 0049, 0053).
        const countedAfter = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        if (args.has("metrics"))
          for (const line of insideLines("the steady-rate moves", steadyBefore, countedAfter)) report(line);
        const copies = copyShares(countedBefore, countedAfter);
        report();
        report(
          `Board transactions in these runs, both processes: ${f0(copies.transactions)}; run on the process's copy before the lock and committed from it: ${f0(copies.committed)} %, from a copy behind the board with nothing read written since: ${f0(copies.behind)} %; on a fresh read without the lock, committed: ${f0(copies.read)} %, stale again: ${f0(copies.readStale)} %; run on a copy found stale (then on a fresh read): ${f0(copies.stale)} %. Reads of a written object's access: ${f0(copies.accessReads)} per 100 transactions. Board objects each process holds copied: ${countedAfter.map((m) => f0(seriesSum(m, "tack_board_cache_objects"))).join(" / ")}.`,
        );
      }
      // Its connections are not left open beside the next sections' (max_connections is 100).
      await httpFloor.stop();
    }

    if (only.has("busy")) {
      const clients = option("busy-clients", 50);
      const board = await seed("Busy", 4, 200);
      await addMovers([board.id]);
      await openTunnels([board], clients);
      await floor.open(clients);
      for (const next of VIAS) {
        via = next;
        await warmUp(clients, movesOn([board]));
        const tack: Run[] = [];
        const bare: Run[] = [];
        const ordered: Run[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          tack.push(await closedLoop(clients, SECONDS, movesOn([board])));
          bare.push(
            await closedLoop(clients, SECONDS, (w, i) => floor.move(w, ((w * 31 + i) % 50) * 8 + 1, null)),
          );
          ordered.push(
            await closedLoop(clients, SECONDS, (w, i) => floor.move(w, ((w * 31 + i) % 50) * 8 + 1, 1)),
          );
        }
        const t = median(tack);
        report();
        report(
          `### One busy board: ${clients} people moving cards on the same board (200 cards) ${VIA_NAMES[via]}, ${ROUTE === "board" ? "on its process" : "round robin over both processes"}${PEOPLE > 1 ? `, their moves made by ${PEOPLE} people taking turns` : ""}`,
        );
        report();
        report("| what | moves/s | p50 ms | p99 ms | Tack / this (rate) | Tack / this (p99) | errors |");
        report("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        report(`| Tack | ${f0(t.perSecond)} | ${f1(t.p50)} | ${f1(t.p99)} | | | ${t.errors} |`);
        const cpuRows = [`| ${clients} | Tack | ${cpuCells(t)} | ${serverShare(t, median(bare))} |`];
        for (const [name, runs] of [
          ["floor: update + insert", bare],
          ["floor: + the board's seq (one order)", ordered],
        ] as const) {
          const m = median(runs);
          cpuRows.push(`| ${clients} | ${name} | ${cpuCells(m)} | |`);
          report(
            `| ${name} | ${f0(m.perSecond)} | ${f1(m.p50)} | ${f1(m.p99)} | ${(t.perSecond / m.perSecond).toFixed(2)} | ${(t.p99 / m.p99).toFixed(1)} | ${m.errors} |`,
          );
        }
        reportCpu("move", cpuRows);
        const rates = list("busy-rate", "500").map(Number);
        report();
        report(
          `At a steady ${rates.join(", ")} moves/s on the busy board (open loop), and the floor at the same rates:`,
        );
        await atRates(
          rates,
          (k) => moveCard(board, k),
          (k) => floor.moveAny((k % 50) * 8 + 1),
        );
      }
    }

    if (only.has("push")) {
      const watchers = option("watchers", 200);
      const boardCount = 10;
      const boards: Array<{ id: string; card: string }> = [];
      for (let i = 0; i < boardCount; i++) {
        const b = await seed(`Push ${i}`, 1, 1);
        boards.push({ id: b.id, card: b.cardIds[0]! });
      }
      await floor.open(64);
      const sent = new Map<string, number>();
      const deliveries: number[] = [];
      const watching = await Promise.all(
        Array.from({ length: watchers }, (_, i) => {
          const board = boards[i % boardCount]!;
          // With --route=board a board's sockets are on its process, as the web client's are behind
          // HAProxy (the socket's URL names the board); with round robin, half on each.
          return SocketTunnel.open(
            servers[processOf(board.id, i) % 2]!.url,
            owner.token,
            board.id,
            `watch-${i}`,
            (m) => {
              const start = sent.get(m.change.models.cards?.[0]?.name ?? "");
              if (start !== undefined) deliveries.push(performance.now() - start);
            },
          );
        }),
      );
      /**
       * Over sockets, each board's writer is one more person with the board open: the writes are
       * the writer's `mutation` frames, and the writer's socket hears its own change as the web
       * client's does, though only the watchers' deliveries are timed.
       */
      const writers = new Map<string, SocketTunnel>();
      if (VIAS.includes("socket"))
        for (const board of boards)
          writers.set(
            board.id,
            await SocketTunnel.open(
              servers[processOf(board.id, 0) % 2]!.url,
              owner.token,
              board.id,
              `push-${board.id.slice(-6)}`,
            ),
          );
      /** Write number `k`: a card renamed `${prefix}-${k}`, the name its deliveries are known by. */
      const rename = (prefix: string) => (k: number) => {
        const name = `${prefix}-${k}`;
        sent.set(name, performance.now());
        const board = boards[k % boardCount]!;
        if (via === "socket")
          return writers
            .get(board.id)!
            .write("PUT", `/1/cards/${board.card}`, { name })
            .then((status) => status === 200);
        return api(processOf(board.id, k), "PUT", `/1/cards/${board.card}`, { name }).then(
          (res) => res.status === 200,
        );
      };
      const rates = list("rates", "100,200").map(Number);
      const metricsBefore = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
      // This process's own delays count in every latency it measures: its event loop is watched too.
      const generatorDelay = monitorEventLoopDelay({ resolution: 1 });
      generatorDelay.enable();
      for (const next of VIAS) {
        via = next;
        // Not measured: the first writes on each board run cold code and fill the processes' copies
        // (alone, --only=push, the JIT's first minute too).
        await openLoop(rates[0]!, warmUpSeconds(via), rename("warm"));
        await new Promise((r) => setTimeout(r, 500));
        sent.clear();
        report();
        report(
          `### Change → other sockets: writes ${VIA_NAMES[via]}; ${watchers} watching sockets (${watchers / boardCount} per board, 10 boards, ${ROUTE === "board" ? "a board's sockets and writes on its process" : "half on each process, writes round robin"}), open loop`,
        );
        report();
        report(
          "| writes/s (target) | achieved | delivery p50 ms | delivery p99 ms | write p99 ms | floor tx p50 ms | floor tx p99 ms | delivery p99 / floor p99 | skipped |",
        );
        report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        const cpuRows: string[] = [];
        for (const rate of rates) {
          const rounds: Array<{ write: Run; delivery: Run; bare: Run }> = [];
          for (let r = 0; r < ROUNDS; r++) {
            deliveries.length = 0;
            const writing = async () => {
              const run = await openLoop(rate, SECONDS, rename("push"));
              await new Promise((r) => setTimeout(r, 500)); // the last deliveries
              return run;
            };
            const { result, cpu } = await meter.measure(writing);
            const write = { ...result, cpu: perOperation(cpu, result.perSecond * SECONDS) };
            const delivery = runOf([...deliveries], SECONDS, 0);
            const bare = await openLoop(rate, SECONDS, (k) => floor.moveAny((k % 400) + 1));
            rounds.push({ write, delivery, bare });
            sent.clear();
          }
          const d = median(rounds.map((r) => r.delivery));
          const w = median(rounds.map((r) => r.write));
          const b = median(rounds.map((r) => r.bare));
          cpuRows.push(
            `| ${rate}/s | write and its pushes to ${watchers / boardCount} sockets | ${cpuCells(w)} | |`,
          );
          report(
            `| ${rate} | ${f0(w.perSecond)} | ${f1(d.p50)} | ${f1(d.p99)} | ${f1(w.p99)} | ${f1(b.p50)} | ${f1(b.p99)} | ${(d.p99 / b.p99).toFixed(1)} | ${w.errors} |`,
          );
        }
        reportCpu("write", cpuRows);
      }
      for (const writer of writers.values()) writer.close();
      if (args.has("metrics")) {
        const metricsAfter = await Promise.all(servers.map((s) => scrapeMetrics(s.url)));
        for (const line of insideLines("the push phase", metricsBefore, metricsAfter)) report(line);
        report();
        report(
          `Event loop delay during the phase, p99 / max ms: each Tack process ${metricsAfter.map((m) => `${loopDelay(m, "p99")} / ${loopDelay(m, "max")}`).join(", ")}; the load generator ${(generatorDelay.percentile(99) / 1e6).toFixed(1)} / ${(generatorDelay.max / 1e6).toFixed(1)}`,
        );
      }
      generatorDelay.disable();
      for (const watcher of watching) watcher.close();
    }

    if (only.has("poll")) {
      const pollers = option("pollers", 64);
      const board = (await seedBoard(owner, "Polled", 1, 1)).id;
      const head = (await owner.get(`/1/boards/${board}/changes?since=0`)).body;
      const path = `/1/boards/${board}/changes?since=${head.seq}&epoch=${head.epoch}`;
      const counters = new pg.Client({ connectionString: db.url });
      await counters.connect();
      const probe = new Redis(redis.url);
      const transactions = async () =>
        Number(
          (
            await counters.query(
              "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1",
              [db.name],
            )
          ).rows[0].n,
        );
      const redisCommands = async () =>
        Number(/total_commands_processed:(\d+)/.exec(await probe.info("stats"))![1]);
      const tack: Run[] = [];
      const bare: Run[] = [];
      const perPoll: Array<{ tx: number; redis: number }> = [];
      const poll = (k: number) =>
        api(k, "GET", path).then(
          (res) =>
            res.status === 200 && (JSON.parse(res.body) as { changes: unknown[] }).changes.length === 0,
        );
      const livez = (k: number) =>
        send("GET", `${servers[k % 2]!.url}/livez`).then((res) => res.status === 200);
      // Warm, as the other phases are: run alone (--only=poll), the first round was cold code.
      await warmUp(pollers, poll, "poll");
      await closedLoop(pollers, WARM_UP, livez, null);
      for (let r = 0; r < ROUNDS; r++) {
        const tx0 = await transactions();
        const r0 = await redisCommands();
        const run = await closedLoop(pollers, SECONDS, poll);
        // pg_stat_database is updated when a backend reports (at most every 500 ms by default).
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        perPoll.push({
          tx: ((await transactions()) - tx0 - 2) / (run.perSecond * SECONDS),
          redis: ((await redisCommands()) - r0 - 1) / (run.perSecond * SECONDS),
        });
        tack.push(run);
        bare.push(await closedLoop(pollers, SECONDS, livez));
      }
      // The issue's goal is a p99 at a rate: polls and /livez at each steady rate (open loop).
      const rates = list("poll-rate", "10000").map(Number);
      const steady = new Map<number, { tack: Run[]; bare: Run[] }>();
      for (const rate of rates) {
        const runs = { tack: [] as Run[], bare: [] as Run[] };
        for (let r = 0; r < ROUNDS; r++) {
          runs.tack.push(await openLoop(rate, SECONDS, poll));
          runs.bare.push(await openLoop(rate, SECONDS, livez));
        }
        steady.set(rate, runs);
      }
      await counters.end();
      probe.disconnect();
      const t = median(tack);
      const b = median(bare);
      const tx = [...perPoll].map((p) => p.tx).sort((x, y) => x - y)[Math.floor(perPoll.length / 2)]!;
      const rc = [...perPoll].map((p) => p.redis).sort((x, y) => x - y)[Math.floor(perPoll.length / 2)]!;
      report();
      report(`### Polling, nothing new: ${pollers} pollers with API tokens, both processes`);
      report();
      report(
        "| what | checks/s | p50 ms | p99 ms | Tack / floor (rate) | Tack / floor (p99) | DB transactions per poll | Redis commands per poll | errors |",
      );
      report("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      report(
        `| Tack poll | ${f0(t.perSecond)} | ${f1(t.p50)} | ${f1(t.p99)} | ${(t.perSecond / b.perSecond).toFixed(2)} | ${(t.p99 / b.p99).toFixed(1)} | ${tx.toFixed(3)} | ${rc.toFixed(3)} | ${t.errors} |`,
      );
      report(
        `| floor: GET /livez | ${f0(b.perSecond)} | ${f1(b.p50)} | ${f1(b.p99)} | | | | | ${b.errors} |`,
      );
      report();
      report("At steady rates (open loop), polls and `GET /livez` each at the same rate, both processes:");
      report();
      report(
        "| checks/s (target) | achieved | p50 ms | p99 ms | `/livez` achieved | `/livez` p50 ms | `/livez` p99 ms | Tack / `/livez` (p99) | skipped |",
      );
      report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
      for (const [rate, runs] of steady) {
        const st = median(runs.tack);
        const sb = median(runs.bare);
        report(
          `| ${rate} | ${f0(st.perSecond)} | ${f1(st.p50)} | ${f1(st.p99)} | ${f0(sb.perSecond)} | ${f1(sb.p50)} | ${f1(sb.p99)} | ${(st.p99 / sb.p99).toFixed(1)} | ${st.errors} |`,
        );
      }
      reportCpu("check", [
        `| ${pollers} | Tack poll | ${cpuCells(t)} | |`,
        `| ${pollers} | floor: GET /livez | ${cpuCells(b)} | |`,
      ]);
      if (t.cpu) {
        const serverSide = t.cpu.tack + t.cpu.postgres + t.cpu.redis;
        report();
        report(
          `What the cores allow: ${cpus().length} cores × 1,000 ms / ${serverSide.toFixed(3)} ms of server CPU per check = ${f0((cpus().length * 1000) / serverSide)} checks/s if the servers had the machine to themselves (the load generator took ${t.cpu.load.toFixed(3)} ms per check).`,
        );
      }
    }
    report();
    report(
      `load average at end ${(await import("node:os"))
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
  } finally {
    closeConnections();
    await pgWrites.close();
    for (const stop of stopLater) await stop();
    await floor.close();
    await Promise.all(servers.map((s: ServerProcess) => s.stop()));
    await redis.stop();
    await db.drop();
  }
}

await main();
