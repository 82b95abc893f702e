// `npm run bench -- storm [--sockets N] [--boards N]`: a reconnect storm. N WebSocket clients
// (through HAProxy, 2 workers, PostgreSQL, Redis) each watch a board with changes flowing; one
// worker is killed with -9 and its clients reconnect to the other at once (capped exponential
// backoff with jitter, as the web client does). Reported: how long until every socket is back and
// current, and how many catch-ups had to read the durable log instead of the Redis lists.
// File descriptors bound N here: HAProxy needs two per socket and the machine's hard limit is
// 20,000 per process, so HAProxy's maxconn is set to 9,000.
import { parseArgs } from "node:util";
import { startCluster } from "../packages/server/test/support/cluster.ts";
import { Load, prepareClients } from "../packages/server/test/support/load.ts";
import { sleep } from "../packages/server/test/support/processes.ts";
import { StormClient, waitAllCurrent } from "../packages/server/test/support/storm.ts";

const { values } = parseArgs({
  options: { sockets: { type: "string", default: "8000" }, boards: { type: "string", default: "20" } },
});
const sockets = Number(values.sockets);
const boardCount = Number(values.boards);
const STORM = { goingAwaySpreadMs: 5_000, firstBackoffMs: 250, maxBackoffMs: 5_000 };

async function metricSum(port: number, name: string, label: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`) && l.includes(label))
    .reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}

const cluster = await startCluster({
  workers: 2,
  env: { TACK_HAPROXY_MAXCONN: "9000", TACK_HAPROXY_CHECK_MS: "1000" },
});
const storm: StormClient[] = [];
try {
  const owners = await prepareClients(cluster.url, boardCount, 3, "storm");
  const tokenOf = (board: string) => owners.find((o) => o.boardId === board)!.token;
  const opened = Date.now();
  for (let i = 0; i < sockets; i++) {
    const owner = owners[i % owners.length]!;
    const client = new StormClient(cluster.url, owner.token, owner.boardId, STORM);
    storm.push(client);
    client.connect();
    if (i % 500 === 499) await sleep(200);
  }
  const openMs = await waitAllCurrent(cluster.url, storm, tokenOf, 120_000);
  console.log(
    `# ${sockets} sockets open and current in ${((Date.now() - opened) / 1000).toFixed(1)} s (${openMs} ms after the last connect)`,
  );
  const perWorker = [
    await metricSum(cluster.basePort, "tack_websockets_open", ""),
    await metricSum(cluster.basePort + 1, "tack_websockets_open", ""),
  ];

  const load = new Load(cluster.url, owners, { readShare: 0 });
  load.start();
  await sleep(2_000);
  const survivorPort = cluster.basePort + 1;
  const durableBefore = await metricSum(
    survivorPort,
    "tack_store_duration_seconds_count",
    'op="changesSince"',
  );
  const [victim] = cluster.workerPids();
  const killedAt = Date.now();
  process.kill(victim!, "SIGKILL");
  await sleep(200);
  const backMs = await waitAllCurrent(cluster.url, storm, tokenOf, 180_000);
  const total = Date.now() - killedAt;
  await load.stop();
  const durable =
    (await metricSum(survivorPort, "tack_store_duration_seconds_count", 'op="changesSince"')) - durableBefore;
  const gaps = storm.reduce((sum, c) => sum + c.gaps, 0);
  const reloads = storm.reduce((sum, c) => sum + c.reloads, 0);
  const moved = storm.filter((c) => c.connects > 1).length;
  const attempts = storm.reduce((sum, c) => sum + c.attempts, 0) - sockets;
  const backAfter = storm
    .filter((c) => c.connects > 1)
    .map((c) => (c.subscribedAt.at(-1) ?? killedAt) - killedAt)
    .sort((a, b) => a - b);
  const pct = (p: number) =>
    backAfter[Math.min(backAfter.length - 1, Math.ceil((p / 100) * backAfter.length) - 1)] ?? 0;

  console.log("\n| reconnect storm (kill -9 of 1 of 2 workers) | value |");
  console.log("| --- | --- |");
  console.log(`| sockets | ${sockets} (${perWorker.join(" + ")} per worker) |`);
  console.log(`| sockets that reconnected | ${moved} |`);
  console.log(`| reconnect attempts (incl. failed) | ${attempts} |`);
  console.log(
    `| resubscribed after kill: p50 / p99 / max | ${pct(50)} / ${pct(99)} / ${backAfter.at(-1) ?? 0} ms |`,
  );
  console.log(`| every socket back and current after | ${(total / 1000).toFixed(1)} s |`);
  console.log(`| card moves during the storm (failed) | ${load.samples.length} (${load.failures.length}) |`);
  console.log(`| catch-ups from the durable log | ${durable} |`);
  console.log(`| board reloads | ${reloads} |`);
  console.log(`| gaps in any client's sequence | ${gaps} |`);
  void backMs;
} finally {
  for (const client of storm) client.stop();
  await cluster.stop();
}
