// The scale-out setup as real processes: the supervisor, its workers, HAProxy (HTTP and TLS),
// PostgreSQL and Redis. Under a steady load of board reads and card moves through HAProxy: a
// rolling restart of every worker, a kill -9 of a worker, and a HAProxy reload each lose no
// request and no acknowledged mutation.
import assert from "node:assert/strict";
import { request } from "node:https";
import { after, before, describe, test } from "node:test";
import { type Cluster, startCluster, waitUntilAllUp } from "./support/cluster.ts";
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

async function requestsServedBy(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith("tack_http_requests_total{") && l.includes('route="/1/boards/:id"'))
    .reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}

/** A rolling restart must not even make a client retry: HAProxy's drain and the workers'
 * graceful shutdown handle it. */
function assertNoRetries(load: Load): void {
  const retried = load.samples.filter((s) => s.attempts > 1);
  assert.equal(
    retried.length,
    0,
    `${retried.length} of ${load.samples.length} operations needed a client retry`,
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

  test("HTTP and HTTPS through HAProxy, round-robin over the workers; /metrics stays private", async () => {
    const [ann] = await prepareClients(cluster.url, 1, 1, "tls");
    const before = [await requestsServedBy(cluster.basePort), await requestsServedBy(cluster.basePort + 1)];
    for (let i = 0; i < 10; i++) {
      const res = await httpsGet(
        `${cluster.httpsUrl}/1/boards/${ann!.boardId}?key=${"0".repeat(32)}&token=${ann!.token}`,
        cluster.ca,
      );
      assert.equal(res.status, 200);
      assert.equal(JSON.parse(res.body).id, ann!.boardId);
    }
    const after = [await requestsServedBy(cluster.basePort), await requestsServedBy(cluster.basePort + 1)];
    assert.ok(
      after[0]! - before[0]! >= 3 && after[1]! - before[1]! >= 3,
      `both workers served reads: ${before} → ${after}`,
    );

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

  test("HAProxy reload (SIGHUP to the supervisor) under load: no failed request", async () => {
    // HAProxy's notices go to standard error, which is kept whole (its request log is on stdout).
    const forked = () => cluster.supervisor.errorLog.match(/New worker \(\d+\) forked/g)?.length ?? 0;
    const before = forked();
    // HAProxy folds a reload asked for while one is still starting into it: wait for each new
    // worker before the next signal (a condition, not a delay, so a loaded machine cannot break it).
    const forkedAtLeast = async (count: number) => {
      const deadline = Date.now() + 20_000;
      while (forked() < count && Date.now() < deadline) await sleep(50);
    };
    const load = await underLoad(cluster, async () => {
      cluster.supervisor.signal("SIGHUP");
      await forkedAtLeast(before + 1);
      cluster.supervisor.signal("SIGHUP");
      await forkedAtLeast(before + 2);
    });
    // The old HAProxy process closes its idle client keep-alive connections (HAProxy 2.6 has no
    // idle-close-on-response); a client that just sent on one retries on a fresh connection.
    const retried = load.samples.filter((s) => s.attempts > 1).length;
    assert.ok(
      retried <= load.samples.length * 0.02,
      `${retried} of ${load.samples.length} needed a client retry`,
    );
    assert.match(cluster.supervisor.log, /reloading haproxy/);
    assert.equal(forked(), before + 2, "each reload started a new HAProxy worker process");
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
