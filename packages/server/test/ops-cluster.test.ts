// The scale-out setup as real processes: the supervisor, its workers, HAProxy (HTTP and TLS),
// PostgreSQL and Redis. Under a steady load of board reads and card moves through HAProxy: a
// rolling restart of every worker, a kill -9 of a worker, and a HAProxy reload each lose no
// request and no acknowledged mutation.
import assert from "node:assert/strict";
import { request } from "node:https";
import { after, before, describe, test } from "node:test";
import { type MasterStatus, masterStatus } from "../src/cluster/haproxy-runtime.ts";
import { readClusterState } from "../src/cluster/run-state.ts";
import { type Cluster, helloWorker, startCluster, waitUntilAllUp, workerMetric } from "./support/cluster.ts";
import { Load, prepareClients, verify } from "./support/load.ts";
import { Proc, REPO_ROOT, sleep, stopAll, waitForStatus } from "./support/processes.ts";

after(stopAll);

function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** How many requests of `route` each worker has answered (its own /metrics), the first worker first. */
async function servedBy(cluster: Cluster, route: string): Promise<number[]> {
  const served = (port: number) => workerMetric(port, "tack_http_requests_total", [`route="${route}"`]);
  return [await served(cluster.basePort), await served(cluster.basePort + 1)];
}

/** What each worker answered of `route` while `work` ran. */
async function servedDuring(cluster: Cluster, route: string, work: () => Promise<void>): Promise<number[]> {
  const before = await servedBy(cluster, route);
  await work();
  const after = await servedBy(cluster, route);
  return after.map((n, i) => n - before[i]!);
}

/** A rolling restart must not even make a client retry: HAProxy's drain and the workers'
 * graceful shutdown handle it. */
function assertNoRetries(load: Load): void {
  const retried = load.samples.filter((s) => s.attempts > 1);
  assert.equal(
    retried.length,
    0,
    `${retried.length} of ${load.samples.length} operations needed a client retry: ${retried
      .slice(0, 5)
      .map((s) => `${s.kind} at ${Math.round(s.at)} ms (${s.retried})`)
      .join("; ")}`,
  );
}

/** Runs the load for `beforeMs`, then `fault`, then `afterMs` more; checks nothing was lost. */
async function underLoad(cluster: Cluster, fault: () => Promise<void>, beforeMs = 1_500, afterMs = 1_500) {
  const clients = await prepareClients(cluster.url, 6, 4);
  const load = new Load(cluster.url, clients, { readShare: 0.6 });
  load.start();
  await sleep(beforeMs);
  await fault();
  await sleep(afterMs);
  await load.stop();
  assert.deepEqual(load.failures, [], "no request failed (clients retry with the same mutation id)");
  assert.deepEqual(await verify(cluster.url, clients), [], "every acknowledged move is stored exactly once");
  const moves = clients.reduce((sum, c) => sum + c.ackedMoves, 0);
  assert.ok(moves > 20, `the load did real work (${moves} moves, ${load.samples.length} operations)`);
  return load;
}

describe("cluster behind HAProxy", () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await startCluster({ workers: 2 });
  });
  after(() => cluster?.stop());

  test("HTTP and HTTPS through HAProxy: a board's requests and sockets reach one worker, boards spread over both; /metrics stays private", async () => {
    const [ann] = await prepareClients(cluster.url, 1, 1, "tls");
    const { token, boardId } = ann!;
    const auth = `key=${"0".repeat(32)}&token=${token}`;
    // The board in the path: every read of it lands on the same worker, over HTTPS too.
    const reads = await servedDuring(cluster, "/1/boards/:id", async () => {
      for (let i = 0; i < 10; i++) {
        const res = await httpsGet(`${cluster.httpsUrl}/1/boards/${boardId}?${auth}`, cluster.ca);
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.body).id, boardId);
      }
    });
    assert.deepEqual([...reads].sort(), [0, 10], `one worker served every read of the board: ${reads}`);
    const home = reads.indexOf(10);
    // The board in the web client's header: its card writes go where its reads went.
    const [card] = [...ann!.cards.keys()];
    /** Sends `body` to `path` as the web client (naming its board) or a Trello client does. */
    const send = async (method: string, path: string, body: object, headers: Record<string, string> = {}) => {
      const res = await fetch(`${cluster.url}${path}?${auth}`, {
        method,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, `${method} ${path}`);
      return (await res.json()) as { id: string; idList: string };
    };
    const writes = await servedDuring(cluster, "/1/cards/:id", async () => {
      for (let i = 0; i < 6; i++)
        await send("PUT", `/1/cards/${card}`, { name: `Renamed ${i}` }, { "x-tack-board": boardId });
    });
    assert.equal(writes[home], 6, `the board's worker took its card writes: ${writes}`);
    // Trello's clients send no header: an object's id carries its board's routing key (decision
    // 0063), so their card writes, list reads and checklist writes land there too.
    const trelloWrites = await servedDuring(cluster, "/1/cards/:id", async () => {
      for (let i = 0; i < 6; i++) await send("PUT", `/1/cards/${card}`, { name: `Trello ${i}` });
    });
    assert.equal(
      trelloWrites[home],
      6,
      `the board's worker took the headerless card writes: ${trelloWrites}`,
    );
    const { idList } = await send("PUT", `/1/cards/${card}`, { desc: "Where is my list?" });
    const listReads = await servedDuring(cluster, "/1/lists/:id", async () => {
      for (let i = 0; i < 4; i++)
        assert.equal((await fetch(`${cluster.url}/1/lists/${idList}?${auth}`)).status, 200);
    });
    assert.equal(listReads[home], 4, `the board's worker answered its list's reads: ${listReads}`);
    const checklist = (await send("POST", `/1/cards/${card}/checklists`, { name: "Routed" })).id;
    const checklistWrites = await servedDuring(cluster, "/1/checklists/:id", async () => {
      for (let i = 0; i < 4; i++) await send("PUT", `/1/checklists/${checklist}`, { name: `Routed ${i}` });
    });
    assert.equal(
      checklistWrites[home],
      4,
      `the board's worker took its checklist's writes: ${checklistWrites}`,
    );
    // A header too short to hold a key routes nowhere in particular, and is still answered.
    for (const header of ["x", "", "0123456789"]) {
      const res = await fetch(`${cluster.url}/1/cards/${card}?${auth}`, {
        headers: { "x-tack-board": header },
      });
      assert.equal(res.status, 200, `answered with X-Tack-Board "${header}"`);
    }
    // The board on the socket's URL (the web client's socket): the same worker says hello.
    for (let i = 0; i < 3; i++)
      assert.equal(await helloWorker(cluster.url, token, `&board=${boardId}`), `w${home + 1}`);
    // Other boards hash elsewhere too: 16 boards land on both workers.
    const boards: string[] = [];
    for (let i = 0; i < 16; i++) {
      const res = await fetch(`${cluster.url}/1/boards?${auth}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: `Spread ${i}`, defaultLists: false }),
      });
      boards.push(((await res.json()) as { id: string }).id);
    }
    // Each board's socket goes where the board's requests go: both backends hash alike.
    const homes: number[] = [];
    for (const id of boards) {
      const served = await servedDuring(cluster, "/1/boards/:id", async () => {
        assert.equal((await fetch(`${cluster.url}/1/boards/${id}?${auth}`)).status, 200);
      });
      homes.push(served.indexOf(1));
      assert.equal(await helloWorker(cluster.url, token, `&board=${id}`), `w${served.indexOf(1) + 1}`);
    }
    assert.deepEqual([...new Set(homes)].sort(), [0, 1], `16 boards spread over both workers: ${homes}`);
    // Requests that name no board, and sockets that name none, go round robin.
    const unnamed = await servedDuring(cluster, "/1/members/:idMember", async () => {
      for (let i = 0; i < 10; i++)
        assert.equal((await fetch(`${cluster.url}/1/members/me?${auth}`)).status, 200);
    });
    assert.ok(
      unnamed.every((n) => n >= 3),
      `requests naming no board spread: ${unnamed}`,
    );
    const hellos = new Set<string>();
    for (let i = 0; i < 6; i++) hellos.add(await helloWorker(cluster.url, token, ""));
    assert.equal(hellos.size, 2, "sockets naming no board spread over both workers");

    assert.equal(
      (await fetch(`${cluster.url}/metrics`)).status,
      404,
      "metrics are scraped per worker, not through HAProxy",
    );
    const session = await httpsGet(`${cluster.httpsUrl}/readyz`, cluster.ca);
    assert.equal(session.status, 200);
    await assert.rejects(
      httpsGet(`${cluster.httpsUrl}/readyz`, ""),
      "the certificate is checked: untrusted without its CA",
    );
  });

  test("rolling restart of every worker under load: no failed request, no lost mutation", async () => {
    const oldPids = cluster.workerPids();
    const load = await underLoad(cluster, async () => {
      // The operator's command, as docs/operations.md gives it.
      const roll = new Proc(
        "rolling-restart",
        "bash",
        [`${REPO_ROOT}/deploy/rolling-restart`, "--run-dir", cluster.runDir],
        {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
        },
      );
      const exit = await roll.exited;
      assert.equal(exit.code, 0, roll.log);
      assert.match(roll.log, /all workers restarted/);
    });
    const newPids = cluster.workerPids();
    assert.ok(
      newPids.every((pid, i) => pid !== 0 && pid !== oldPids[i]),
      "every worker is a new process",
    );
    assertNoRetries(load);
  });

  test("kill -9 of a worker under load: the supervisor restarts it, nothing acknowledged is lost", async () => {
    const [victim] = cluster.workerPids();
    await underLoad(
      cluster,
      async () => {
        process.kill(victim!, "SIGKILL");
      },
      1_500,
      2_500,
    );
    await waitForStatus(`http://127.0.0.1:${cluster.basePort}/readyz`, undefined, 15_000);
    const [replacement] = cluster.workerPids();
    assert.ok(replacement !== victim && replacement !== 0, "a new worker took the port");
    assert.match(cluster.supervisor.log, /worker crashed, restarting/);
    await waitUntilAllUp(cluster);
  });

  test("HAProxy reload (SIGHUP to the supervisor) under load: no failed request, no lost reload", async () => {
    const masterSocket = readClusterState(cluster.runDir).haproxy!.masterSocket;
    // HAProxy's notices go to standard error, which is kept whole (its request log is on stdout).
    const forked = () => cluster.supervisor.errorLog.match(/New worker \(\d+\) forked/g)?.length ?? 0;
    const before = await masterStatus(masterSocket);
    const forkedBefore = forked();
    // The supervisor's own log lines (stdout, read line by line: the kept output drops old chunks).
    const supervisorSaid: string[] = [];
    let partial = "";
    cluster.supervisor.child.stdout?.on("data", (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop() ?? "";
      supervisorSaid.push(...lines.filter((l) => l.includes('"process":"supervisor"')));
    });
    const said = (msg: string) => supervisorSaid.filter((l) => l.includes(`"msg":"${msg}"`)).length;
    /** Waits for a condition (HAProxy's own count of reloads), never for a fixed time. */
    const reloadsDone = async (count: number): Promise<MasterStatus> => {
      const deadline = Date.now() + 60_000;
      let status = await masterStatus(masterSocket).catch(() => before);
      const done = () =>
        status.reloads >= count && forked() >= forkedBefore + 2 && said("haproxy reloaded") >= 2;
      while (!done() && Date.now() < deadline) {
        await sleep(100);
        status = await masterStatus(masterSocket).catch(() => status);
      }
      return status;
    };
    let after = before;
    const load = await underLoad(cluster, async () => {
      cluster.supervisor.signal("SIGHUP");
      // The second SIGHUP comes once the first reached HAProxy, i.e. while HAProxy's master
      // re-executes itself and ignores SIGUSR2: the supervisor must hold it until the master is back.
      // (Two signals sent before the supervisor takes the first are one signal to the kernel.)
      const deadline = Date.now() + 60_000;
      while (said("reloading haproxy") < 1 && Date.now() < deadline) await sleep(10);
      cluster.supervisor.signal("SIGHUP");
      after = await reloadsDone(before.reloads + 2);
    });
    // The old HAProxy process closes its idle client keep-alive connections (HAProxy 2.6 has no
    // idle-close-on-response); a client that just sent on one retries on a fresh connection.
    const retried = load.samples.filter((s) => s.attempts > 1).length;
    assert.ok(
      retried <= load.samples.length * 0.02,
      `${retried} of ${load.samples.length} needed a client retry`,
    );
    assert.equal(after.reloads, before.reloads + 2, "HAProxy carried out both reloads asked for");
    assert.equal(after.failedReloads, before.failedReloads, "both configurations loaded");
    assert.equal(after.masterPid, before.masterPid, "the master re-executed itself, it was not restarted");
    assert.equal(forked(), forkedBefore + 2, "each reload started a new HAProxy worker process");
    assert.equal(said("haproxy reloaded"), 2, "the supervisor saw each reload carried out");
    const newest = after.workers.find((w) => w.reloads === 0);
    const oldest = before.workers.find((w) => w.reloads === 0);
    assert.ok(newest && oldest && newest.pid !== oldest.pid, "requests are served by a new worker");
  });
});

test("start:cluster refuses to run without PostgreSQL and Redis", async () => {
  const proc = new Proc(
    "cluster-without-services",
    process.execPath,
    [`${REPO_ROOT}/packages/server/src/cluster/main.ts`, "--workers", "2"],
    { PATH: process.env.PATH },
  );
  const exit = await proc.exited;
  assert.equal(exit.code, 2);
  assert.match(proc.log, /needs DATABASE_URL \(PostgreSQL\) and REDIS_URL \(Redis\)/);
});
