// WebSockets through operations: a worker shutting down closes its sockets in spaced batches with
// 1001 "reconnect elsewhere"; behind HAProxy, a rolling restart, a kill -9 (a reconnect storm),
// a Redis FLUSHALL and a Redis restart each end with every client connected and current, with
// no gap in any client's sequence and catch-up served from the recent-change lists.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { freePort, Person, type TestServer } from "./harness.ts";
import {
  type Cluster,
  helloWorker,
  workerMetric as metric,
  startCluster,
  waitUntilAllUp,
} from "./support/cluster.ts";
import { Load, type LoadClient, prepareClients } from "./support/load.ts";
import { Proc, REPO_ROOT, sleep, spawnWorker, stopAll, waitForStatus } from "./support/processes.ts";
import { startTestRedis, type TestRedis } from "./support/redis-server.ts";
import { StormClient, waitAllCurrent } from "./support/storm.ts";

after(stopAll);

const STORM = { goingAwaySpreadMs: 1_000, firstBackoffMs: 100, maxBackoffMs: 2_000 };

test("SIGTERM closes sockets in spaced batches with 1001 reconnect elsewhere", async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tack-ops-sockets-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const worker = spawnWorker("socket-worker", {
    PORT: String(port),
    HOST: "127.0.0.1",
    TACK_PUBLIC_URL: `http://127.0.0.1:${port}`,
    TACK_DATA_DIR: dir,
    LOG_LEVEL: "warn",
    TACK_DRAIN_BATCH_SIZE: "5",
    TACK_DRAIN_BATCH_INTERVAL_MS: "150",
  });
  const base = `http://127.0.0.1:${port}`;
  await waitForStatus(`${base}/readyz`, undefined, 15_000, worker);
  const ann = await Person.signUp({ url: base } as TestServer, "ann");
  const board = (await ann.post("/1/boards", { name: "Sockets" })).body;
  const clients = Array.from({ length: 20 }, () => new StormClient(base, ann.token, board.id, STORM));
  for (const client of clients) client.connect();
  await waitAllCurrent(base, clients, () => ann.token, 10_000);
  assert.equal(await metric(port, "tack_websockets_open"), 20);
  await ann.post("/1/lists", { name: "Pushed", idBoard: board.id });
  await waitAllCurrent(base, clients, () => ann.token, 5_000);
  assert.ok((await metric(port, "tack_pushes_total")) >= 20, "pushes are counted");
  assert.ok((await metric(port, "tack_fanout_lag_seconds_count")) >= 1, "fan-out lag is measured");

  // No reconnecting: this test looks at how the worker lets go.
  for (const client of clients) client.hold();
  worker.signal("SIGTERM");
  assert.deepEqual(await worker.exited, { code: 0, signal: null });
  const closedAt = clients.flatMap((c) => c.closedAt);
  assert.equal(closedAt.length, 20);
  assert.ok(
    clients.every((c) => c.closeCodes[0] === 1001),
    `close codes: ${clients.map((c) => c.closeCodes)}`,
  );
  const spread = Math.max(...closedAt) - Math.min(...closedAt);
  // Batches are 150 ms apart; under CI load the shutdown deadline may cut the later waits short, so
  // only "not all at once" (at least one full gap between the first and last close) is asserted.
  assert.ok(spread >= 150, `batches 150 ms apart, spread ${spread} ms`);
});

describe("sockets behind HAProxy", () => {
  let redis: TestRedis;
  let cluster: Cluster;
  let owners: LoadClient[];
  let storm: StormClient[];
  const tokenOf = (board: string) => owners.find((o) => o.boardId === board)!.token;
  const SOCKETS = 300;

  before(async () => {
    redis = await startTestRedis();
    cluster = await startCluster({
      workers: 2,
      env: { REDIS_URL: redis.url, TACK_DRAIN_BATCH_INTERVAL_MS: "50" },
    });
    owners = await prepareClients(cluster.url, 4, 3, "storm");
    storm = Array.from(
      { length: SOCKETS },
      (_, i) => new StormClient(cluster.url, owners[i % 4]!.token, owners[i % 4]!.boardId, STORM),
    );
    for (const client of storm) client.connect();
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
  });
  after(async () => {
    for (const client of storm ?? []) client.stop();
    await cluster?.stop();
    await redis?.stop();
  });

  /** Card moves on the watched boards while `during` runs; none may fail. */
  async function withWrites(during: () => Promise<void>): Promise<void> {
    const load = new Load(cluster.url, owners, { readShare: 0 });
    load.start();
    await sleep(300);
    await during();
    await sleep(500);
    await load.stop();
    assert.deepEqual(load.failures, []);
  }

  test("WSS through HAProxy's TLS listener", async () => {
    const { default: WebSocket } = await import("ws");
    const owner = owners[0]!;
    const url = `${cluster.httpsUrl.replace(/^https/, "wss")}/1/socket?v=1&token=${owner.token}`;
    const ws = new WebSocket(url, { ca: cluster.ca });
    const hello = await new Promise<any>((resolve, reject) => {
      ws.once("message", (data) => resolve(JSON.parse(data.toString())));
      ws.once("error", reject);
    });
    assert.equal(hello.type, "hello");
    assert.match(hello.instance, /^w[12]$/);
    ws.close();
    const untrusted = new WebSocket(url);
    await assert.rejects(
      new Promise((resolve, reject) => {
        untrusted.once("open", resolve);
        untrusted.once("error", reject);
      }),
      /self-signed|certificate/,
    );
  });

  const noGaps = () =>
    assert.equal(
      storm.reduce((sum, c) => sum + c.gaps, 0),
      0,
      "no client skipped a change",
    );
  const balance = async () => [
    await metric(cluster.basePort, "tack_websockets_open"),
    await metric(cluster.basePort + 1, "tack_websockets_open"),
  ];

  /**
   * Every socket ends up on the worker HAProxy routes its board to (decision 0062), within
   * `withinMs`: the same worker that says hello to a new socket naming the board.
   */
  async function assertSocketsHome(withinMs: number): Promise<void> {
    const homes = new Map<string, string>();
    for (const owner of owners)
      homes.set(owner.boardId, await helloWorker(cluster.url, owner.token, `&board=${owner.boardId}`));
    const away = () => storm.filter((c) => !c.open || c.instance !== homes.get(c.board));
    const deadline = Date.now() + withinMs;
    while (away().length > 0 && Date.now() < deadline) await sleep(100);
    assert.equal(away().length, 0, `sockets away from their board's worker (${[...homes.values()]})`);
  }

  test("rolling restart: sockets move to the other worker and come back current", async () => {
    const connectsBefore = storm.reduce((sum, c) => sum + c.connects, 0);
    await withWrites(async () => {
      const roll = new Proc(
        "rolling-restart",
        process.execPath,
        [`${REPO_ROOT}/packages/server/src/cluster/rolling-restart.ts`, "--run-dir", cluster.runDir],
        { PATH: process.env.PATH },
      );
      assert.equal((await roll.exited).code, 0, roll.log);
    });
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
    assert.ok(
      storm.some((c) => c.closeCodes.includes(1001)),
      "draining workers said reconnect elsewhere",
    );
    assert.ok(storm.reduce((sum, c) => sum + c.connects, 0) > connectsBefore);
    const [a, b] = await balance();
    assert.equal(a! + b!, SOCKETS);
    // The roll's last step sent every socket home, where those of the last worker's boards would
    // otherwise have stayed on the other worker. (With 4 boards, 1 run in 16 has none routed to
    // the last worker.) The workers close their sockets in spaced batches as the roll ends.
    await assertSocketsHome(15_000);
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
  });

  test("kill -9 of a worker: a reconnect storm served from the recent-change lists", async () => {
    // Catch-ups that had to read the durable change log (PostgreSQL) instead of the Redis list.
    const durableReads = (port: number) =>
      metric(port, "tack_store_duration_seconds_count", ['op="changesSince"']);
    await sleep(1_000);
    const [victim] = cluster.workerPids();
    const survivorReadsBefore = await durableReads(cluster.basePort + 1);
    // The kill comes between writes: a worker killed between a commit and its append to the
    // recent-change list leaves a hole there, and every catch-up across it reads the durable log
    // (bench/storm.ts shows that case). Writes go on during the storm, so catch-ups are not empty.
    process.kill(victim!, "SIGKILL");
    const killedAt = Date.now();
    let tookMs = 0;
    await withWrites(async () => {
      await waitAllCurrent(cluster.url, storm, tokenOf, 30_000);
      tookMs = Date.now() - killedAt;
    });
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
    const reloads = storm.reduce((sum, c) => sum + c.reloads, 0);
    assert.equal(reloads, 0, `${reloads} clients had to reload a board`);
    await waitForStatus(`http://127.0.0.1:${cluster.basePort}/readyz`, undefined, 15_000);
    await waitUntilAllUp(cluster);
    // The survivor's count since the kill, plus everything the restarted worker (fresh counters) did.
    const durable =
      (await durableReads(cluster.basePort + 1)) -
      survivorReadsBefore +
      (await durableReads(cluster.basePort));
    assert.ok(
      (await metric(cluster.basePort + 1, "tack_store_duration_seconds_count", ['op="transact"'])) > 0,
      "the store series are there to count (the filter matches real series)",
    );
    assert.ok(durable < SOCKETS / 10, `${durable} catch-ups read the durable log (of ${SOCKETS} reconnects)`);
    console.log(
      `# ${SOCKETS} sockets current again ${tookMs} ms after kill -9; ${durable} durable-log reads`,
    );
    // The killed worker's boards' sockets reconnected to the survivor; once the restarted worker
    // has stayed up a while (5 s), the supervisor has the survivor send them home.
    await assertSocketsHome(20_000);
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
  });

  test("HAProxy reload: open sockets keep receiving through the old process", async () => {
    const connects = storm.reduce((sum, c) => sum + c.connects, 0);
    await withWrites(async () => {
      cluster.supervisor.signal("SIGHUP");
      await sleep(500);
    });
    await waitAllCurrent(cluster.url, storm, tokenOf, 10_000);
    noGaps();
    assert.equal(
      storm.reduce((sum, c) => sum + c.connects, 0),
      connects,
      "no socket had to reconnect",
    );
  });

  test("Redis FLUSHALL: clients end current", async () => {
    await withWrites(async () => {
      const { Redis } = await import("ioredis");
      const admin = new Redis(redis.url);
      await admin.flushall();
      admin.disconnect();
    });
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
  });

  test("Redis restart: HTTP keeps working (degraded), sockets end current", async () => {
    await withWrites(async () => {
      await redis.kill();
      const ready = (await (await fetch(`http://127.0.0.1:${cluster.basePort}/readyz`)).json()) as any;
      assert.equal(ready.ok, true, "a worker without Redis still serves");
      assert.equal(ready.degraded[0].name, "redis");
      await sleep(500);
      await redis.start();
    });
    await waitAllCurrent(cluster.url, storm, tokenOf, 20_000);
    noGaps();
  });
});
