// Real-time benchmark: two Tack server processes on one PostgreSQL database and one Redis, on this
// machine, with the load generator on the same machine (it competes for the same cores).
//   1. fan-out latency: time from a mutation's HTTP request to its arrival at every subscribed
//      socket, at a target change rate with many watching sockets; then (1b) the fan-out alone,
//      from synthetic changes published on Redis to their arrival, at higher rates;
//   2. memory per idle subscribed socket (server RSS growth / sockets), sockets opened by two
//      helper processes (one file-descriptor budget each);
//   3. polling checks per second (GET /1/boards/:id/changes with nothing new), and their latency;
//   4. one socket write's round trip: a `mutation` frame (rename a card) to its `mutation.ack`, one
//      at a time on one socket, with nothing else running.
// Run: npm run bench -- realtime  (options: --rates=25,50,100 --bus-rates=100,250,500,1000
//      --watchers=1000 --boards=50
//      --seconds=10 --idle=10000 --poll-seconds=10 --poll-concurrency=64 --socket-writes=1000
//      --only=socket-write to run the socket write case alone)
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { newId } from "@tack/shared/ids";
import type { ServerMessage } from "@tack/shared/protocol";
import { Redis } from "ioredis";
import WebSocket from "ws";
import { redisKeys } from "../packages/server/src/realtime/redis-keys.ts";
import { Person, type TestServer } from "../packages/server/test/harness.ts";
import { startTestRedis } from "../packages/server/test/support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "../packages/server/test/support/server-process.ts";
import { SocketClient } from "../packages/server/test/support/socket-client.ts";
import { createTempDatabase } from "../packages/server/test/support/temp-postgres.ts";

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const option = (name: string, fallback: number) => Number(args.get(name) ?? fallback);

// --- the helper process that holds idle sockets -------------------------------------------------

async function idleClient(): Promise<void> {
  const url = args.get("url")!;
  const count = option("count", 0);
  const token = args.get("token")!;
  const boards = args.get("boards")!.split(",");
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 200) {
    const batch = Array.from({ length: Math.min(200, count - i) }, (_, j) => {
      const ws = new WebSocket(SocketClient.url(url, { token }));
      sockets.push(ws);
      return new Promise<void>((resolve, reject) => {
        ws.on("message", (data) => {
          const m = JSON.parse(data.toString()) as ServerMessage;
          if (m.type === "hello")
            ws.send(JSON.stringify({ type: "board.subscribe", board: boards[(i + j) % boards.length] }));
          if (m.type === "board.subscribed") resolve();
        });
        ws.on("error", reject);
      });
    });
    await Promise.all(batch);
  }
  process.send!("ready");
  process.on("message", () => {
    for (const ws of sockets) ws.terminate();
    process.exit(0);
  });
}

// --- the benchmark ------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return {
    n: sorted.length,
    p50: f(percentile(sorted, 50)),
    p99: f(percentile(sorted, 99)),
    p999: f(percentile(sorted, 99.9)),
    max: f(sorted.at(-1) ?? Number.NaN),
  };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const rates = (args.get("rates") ?? "25,50,100").split(",").map(Number);
  const busRates = (args.get("bus-rates") ?? "100,250,500,1000").split(",").map(Number);
  const watchers = option("watchers", 1_000);
  const boardCount = option("boards", 50);
  const seconds = option("seconds", 10);
  const idle = option("idle", 10_000);
  const pollSeconds = option("poll-seconds", 10);
  const pollConcurrency = option("poll-concurrency", 64);

  const db = await createTempDatabase();
  const redis = await startTestRedis();
  const services = { databaseUrl: db.url, redisUrl: redis.url, redisPrefix: `bench_${Date.now()}:` };
  const servers = [await startServerProcess("a", services), await startServerProcess("b", services)];
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  try {
    const owner = await Person.signUp(servers[0]!.asTestServer(), "bench");
    const as = (server: ServerProcess) =>
      Object.assign(new Person({ url: server.url } as TestServer), { id: owner.id, token: owner.token });
    const boards: Array<{ id: string; card: string }> = [];
    for (let i = 0; i < boardCount; i++) {
      const board = (await owner.post("/1/boards", { name: `bench ${i}`, defaultLists: true })).body;
      const list = (await owner.get(`/1/boards/${board.id}/lists`)).body[0].id;
      const card = (await owner.post("/1/cards", { idList: list, name: "c" })).body.id;
      boards.push({ id: board.id, card });
    }
    report(
      `machine: ${(await import("node:os")).cpus().length} cores; 2 server processes + PostgreSQL + Redis + this load generator share them`,
    );
    await socketWriteRoundTrip(
      servers[0]!,
      owner.token,
      boards[0]!.card,
      option("socket-writes", 1_000),
      report,
    );
    if (args.get("only") === "socket-write") return;

    // 1. Fan-out latency.
    const sent = new Map<string, number>();
    const deliveries: number[] = [];
    const completions = new Map<string, { left: number; last: number }>();
    const completed: number[] = [];
    const sockets: WebSocket[] = [];
    await Promise.all(
      Array.from({ length: watchers }, (_, i) => {
        const server = servers[i % 2]!;
        const board = boards[i % boardCount]!;
        const ws = new WebSocket(SocketClient.url(server.url, { token: owner.token }));
        sockets.push(ws);
        return new Promise<void>((resolve) => {
          ws.on("message", (data) => {
            const m = JSON.parse(data.toString()) as ServerMessage;
            if (m.type === "hello") ws.send(JSON.stringify({ type: "board.subscribe", board: board.id }));
            else if (m.type === "board.subscribed") resolve();
            else if (m.type === "board.change") {
              const name = m.change.models.cards?.[0]?.name ?? "";
              const start = sent.get(name);
              if (start === undefined) return;
              const now = performance.now();
              deliveries.push(now - start);
              const c = completions.get(name);
              if (c && --c.left === 0) completed.push(now - start);
            }
          });
        });
      }),
    );
    const perBoard = watchers / boardCount;
    report("");
    report(
      `### Fan-out: ${watchers} watching sockets (${perBoard} per board, ${boardCount} boards, half on each process), ${seconds} s per rate`,
    );
    report("");
    report(
      "| target changes/s | achieved changes/s | deliveries/s | delivery p50 ms | p99 | p99.9 | max | all-sockets p50 ms | p99 | max | HTTP write p50 ms | p99 | skipped |",
    );
    report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let seqName = 0;
    for (const rate of rates) {
      deliveries.length = 0;
      completed.length = 0;
      let errors = 0;
      let done = 0;
      const writes: number[] = [];
      const inFlight = new Set<Promise<void>>();
      const started = performance.now();
      const end = started + seconds * 1000;
      let next = started;
      while (performance.now() < end) {
        const now = performance.now();
        if (now < next) {
          await sleep(Math.max(0, next - now - 0.5));
          continue;
        }
        next += 1000 / rate;
        if (inFlight.size >= 256) {
          errors += 1; // the server cannot keep up with the open-loop schedule: skipped
          continue;
        }
        const n = seqName++;
        const board = boards[n % boardCount]!;
        const name = `bench-${n}`;
        const writer = as(servers[n % 2]!);
        completions.set(name, { left: perBoard, last: 0 });
        const t0 = performance.now();
        sent.set(name, t0);
        const p = writer
          .put(`/1/cards/${board.card}`, { name })
          .then((res) => {
            writes.push(performance.now() - t0);
            if (res.status !== 200) errors += 1;
            done += 1;
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
      await sleep(1_000);
      const elapsed = (performance.now() - started - 1_000) / 1000;
      const d = summary(deliveries);
      const c = summary(completed);
      const w = summary(writes);
      report(
        `| ${rate} | ${(done / seconds).toFixed(0)} | ${(d.n / elapsed).toFixed(0)} | ${d.p50} | ${d.p99} | ${d.p999} | ${d.max} | ${c.p50} | ${c.p99} | ${c.max} | ${w.p50} | ${w.p99} | ${errors} |`,
      );
      sent.clear();
      completions.clear();
    }
    // 1b. The fan-out alone: synthetic changes published on the bus as if by a third process (no
    // database write), each process ordering them per board and pushing them to its sockets.
    const publisher = new Redis(redis.url);
    const channel = redisKeys(services.redisPrefix).changes;
    const nextSeq = new Map<string, number>();
    for (const board of boards)
      nextSeq.set(board.id, (await owner.get(`/1/boards/${board.id}/changes?since=0`)).body.seq + 1);
    report("");
    report(
      `### Fan-out alone: synthetic changes published on Redis, same ${watchers} sockets, ${seconds} s per rate`,
    );
    report("");
    report(
      "| changes/s | deliveries/s | delivery p50 ms | p99 | p99.9 | max | all-sockets p50 ms | p99 | max |",
    );
    report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const rate of busRates) {
      deliveries.length = 0;
      completed.length = 0;
      const started = performance.now();
      const end = started + seconds * 1000;
      let next = started;
      let published = 0;
      while (performance.now() < end) {
        const now = performance.now();
        if (now < next) {
          await sleep(Math.max(0, next - now - 0.5));
          continue;
        }
        next += 1000 / rate;
        const n = seqName++;
        const board = boards[n % boardCount]!;
        const seq = nextSeq.get(board.id)!;
        nextSeq.set(board.id, seq + 1);
        const name = `bench-${n}`;
        const card = { id: board.card, idBoard: board.id, name };
        const action = {
          id: newId(),
          idMemberCreator: owner.id,
          type: "updateCard",
          date: new Date().toISOString(),
          data: {},
          seq,
        };
        completions.set(name, { left: perBoard, last: 0 });
        sent.set(name, performance.now());
        const change = { board: board.id, seq, action, models: { cards: [card] }, deleted: [] };
        void publisher.publish(
          channel,
          JSON.stringify({ instance: "bench", kind: "change", epoch: "bench", change }),
        );
        published += 1;
      }
      await sleep(1_000);
      const elapsed = (performance.now() - started - 1_000) / 1000;
      const d = summary(deliveries);
      const c = summary(completed);
      report(
        `| ${(published / seconds).toFixed(0)} | ${(d.n / elapsed).toFixed(0)} | ${d.p50} | ${d.p99} | ${d.p999} | ${d.max} | ${c.p50} | ${c.p99} | ${c.max} |`,
      );
      sent.clear();
      completions.clear();
    }
    publisher.disconnect();

    for (const ws of sockets) ws.terminate();
    await sleep(1_000);

    // 2. Memory per idle subscribed socket: RSS at half and at all of the sockets, so the slope
    // between them leaves out the heap growth any busy process has anyway.
    const pids = servers.map((s) => s.pid);
    const before = pids.map(rssOf);
    const half = Math.floor(idle / 2);
    const openIdle = async () => {
      const helpers = servers.map((server) =>
        fork(import.meta.filename, [
          "--idle-client",
          `--url=${server.url}`,
          `--count=${half}`,
          `--token=${owner.token}`,
          `--boards=${boards.map((b) => b.id).join(",")}`,
        ]),
      );
      await Promise.all(helpers.map((h) => new Promise((resolve) => h.once("message", resolve))));
      await sleep(2_000);
      return helpers;
    };
    const helpers = await openIdle();
    const atHalf = pids.map(rssOf);
    helpers.push(...(await openIdle()));
    const atAll = pids.map(rssOf);
    report("");
    report(`### Idle sockets: ${half * 2} subscribed sockets per process`);
    report("");
    report(
      "| process | RSS before MB | RSS with half MB | RSS with all MB | per socket KB (all / before) | per socket KB (all / half) |",
    );
    report("| --- | ---: | ---: | ---: | ---: | ---: |");
    servers.forEach((s, i) => {
      const mb = (n: number) => (n / 2 ** 20).toFixed(0);
      const overall = (atAll[i]! - before[i]!) / (half * 2) / 1024;
      const slope = (atAll[i]! - atHalf[i]!) / half / 1024;
      report(
        `| ${s.name} | ${mb(before[i]!)} | ${mb(atHalf[i]!)} | ${mb(atAll[i]!)} | ${overall.toFixed(1)} | ${slope.toFixed(1)} |`,
      );
    });

    // 3. Polling checks per second (nothing new: the common case), with the idle sockets still open.
    const board = boards[0]!;
    const head = await owner.get(`/1/boards/${board.id}/changes?since=0`);
    const since = head.body.seq;
    const epoch = head.body.epoch;
    const latencies: number[] = [];
    let checks = 0;
    let pollErrors = 0;
    const pollEnd = performance.now() + pollSeconds * 1000;
    await Promise.all(
      Array.from({ length: pollConcurrency }, async (_, i) => {
        const poller = as(servers[i % 2]!);
        while (performance.now() < pollEnd) {
          const t0 = performance.now();
          const res = await poller.get(`/1/boards/${board.id}/changes?since=${since}&epoch=${epoch}`);
          latencies.push(performance.now() - t0);
          if (res.status === 200) checks += 1;
          else pollErrors += 1;
        }
      }),
    );
    const p = summary(latencies);
    report("");
    report(`### Polling: ${pollConcurrency} concurrent pollers with API tokens, both processes, nothing new`);
    report("");
    report("| checks/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |");
    report("| ---: | ---: | ---: | ---: | ---: | ---: |");
    report(
      `| ${(checks / pollSeconds).toFixed(0)} | ${p.p50} | ${p.p99} | ${p.p999} | ${p.max} | ${pollErrors} |`,
    );

    for (const h of helpers) h.send("stop");
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
    await db.drop();
  }
}

/** Sequential socket writes on one socket: each `mutation` frame's time to its `mutation.ack`. */
async function socketWriteRoundTrip(
  server: ServerProcess,
  token: string,
  card: string,
  count: number,
  report: (line: string) => void,
): Promise<void> {
  const ws = new WebSocket(SocketClient.url(server.url, { token }));
  const answers = new Map<string, (m: ServerMessage) => void>();
  await new Promise<void>((resolve, reject) => {
    ws.on("message", (data) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      if (m.type === "hello") resolve();
      else if (m.type === "mutation.ack" || m.type === "mutation.reject") answers.get(m.id)?.(m);
    });
    ws.once("error", reject);
  });
  const times: number[] = [];
  let rejected = 0;
  const warmup = Math.min(100, Math.floor(count / 10));
  let cpuBefore = 0;
  for (let i = 0; i < count + warmup; i++) {
    const id = `bench-write-${Date.now()}-${i}`;
    const t0 = performance.now();
    const answer = new Promise<ServerMessage>((resolve) => answers.set(id, resolve));
    ws.send(
      JSON.stringify({
        type: "mutation",
        id,
        method: "PUT",
        path: `/1/cards/${card}`,
        body: { name: `w${i}` },
      }),
    );
    if ((await answer).type === "mutation.reject") rejected += 1;
    answers.delete(id);
    if (i >= warmup) times.push(performance.now() - t0);
    if (i === warmup - 1) cpuBefore = cpuMsOf(server.pid);
  }
  // CPU time the server process spent per write: far less disturbed by other load than latency.
  const cpuPerWrite = (cpuMsOf(server.pid) - cpuBefore) / count;
  ws.close();
  const w = summary(times);
  report("");
  report(`### Socket write round trip: ${count} sequential \`PUT /1/cards/:id\` frames on one socket`);
  report("");
  report("| writes | p50 ms | p99 ms | p99.9 ms | max ms | server CPU ms/write | rejected |");
  report("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  report(`| ${w.n} | ${w.p50} | ${w.p99} | ${w.p999} | ${w.max} | ${cpuPerWrite.toFixed(2)} | ${rejected} |`);
}

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// Last, so every helper above is initialized before it runs.
if (args.has("idle-client")) await idleClient();
else await main();
