// `npm run bench -- scale [--seconds N] [--clients N] [--route header|path]`: Tack scaled out behind HAProxy, as real
// processes (supervisor, workers, HAProxy, PostgreSQL, Redis), driven through HAProxy's front door.
//   1. board reads/s and card moves/s with 1 and then 2 workers (and the ratio);
//   2. a rolling restart of both workers during a steady mixed load: failed requests, lost
//      acknowledged mutations, p99 latency before vs during the restart.
// The load generator runs on the same machine and shares its cores with the workers, PostgreSQL
// and HAProxy: the ratio shows what a second worker buys on this machine, not on a dedicated one.
// Moves name their board (X-Tack-Board) as the web client's do, so HAProxy sends each board's
// requests to one worker (decision 0062); `--route path` sends them without it, as Trello's clients
// do, and HAProxy finds the board's routing key in the card's id instead (decision 0063).
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { startCluster } from "../packages/server/test/support/cluster.ts";
import { Load, percentile, prepareClients, verify } from "../packages/server/test/support/load.ts";
import { Proc, REPO_ROOT, sleep } from "../packages/server/test/support/processes.ts";
import { counterGrowth, type Samples, scrapeMetrics } from "./server-metrics.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "8" },
    clients: { type: "string", default: "16" },
    route: { type: "string", default: "header" },
  },
});
const seconds = Number(values.seconds);
const clientCount = Number(values.clients);
if (values.route !== "header" && values.route !== "path") throw new Error("--route is header or path");
const namesBoard = values.route === "header";

interface Throughput {
  workers: number;
  reads: number;
  moves: number;
  readP99: number;
  moveP99: number;
  /** Share of the moves' board transactions committed from the worker's copy of the board. */
  fromCopy: number;
}

async function measure(workers: number): Promise<Throughput> {
  const cluster = await startCluster({ workers });
  try {
    const clients = await prepareClients(cluster.url, clientCount, 4, `w${workers}`);
    const phase = async (readShare: number) => {
      const load = new Load(cluster.url, clients, { readShare, namesBoard });
      load.start();
      await sleep(seconds * 1_000);
      await load.stop();
      const ok = load.samples.filter((s) => s.ok);
      if (load.failures.length > 0) console.error(`failures: ${load.failures.slice(0, 5).join("; ")}`);
      return {
        perSecond: ok.length / seconds,
        p99: percentile(
          ok.map((s) => s.ms),
          99,
        ),
      };
    };
    const workerMetrics = () =>
      Promise.all(
        Array.from({ length: workers }, (_, i) => scrapeMetrics(`http://127.0.0.1:${cluster.basePort + i}`)),
      );
    const reads = await phase(1);
    const before = await workerMetrics();
    const moves = await phase(0);
    return {
      workers,
      reads: reads.perSecond,
      moves: moves.perSecond,
      readP99: reads.p99,
      moveP99: moves.p99,
      fromCopy: copyShare(before, await workerMetrics()),
    };
  } finally {
    await cluster.stop();
  }
}

function copyShare(before: Samples[], after: Samples[]): number {
  const transactions = counterGrowth(before, after, "tack_store_duration_seconds_count", { op: "transact" });
  const committed = counterGrowth(before, after, "tack_board_copy_writes_total", { result: "committed" });
  return transactions > 0 ? (100 * committed) / transactions : Number.NaN;
}

async function rollingRestartUnderLoad() {
  const cluster = await startCluster({ workers: 2 });
  try {
    const clients = await prepareClients(cluster.url, clientCount, 4, "roll");
    const load = new Load(cluster.url, clients, { readShare: 0.7, namesBoard });
    load.start();
    await sleep(seconds * 1_000);
    const restartStart = load.now();
    const roll = new Proc(
      "rolling-restart",
      process.execPath,
      [`${REPO_ROOT}/packages/server/src/cluster/rolling-restart.ts`, "--run-dir", cluster.runDir],
      { PATH: process.env.PATH },
    );
    const exit = await roll.exited;
    const restartEnd = load.now();
    if (exit.code !== 0) throw new Error(`rolling restart failed:\n${roll.log}`);
    await sleep(2_000);
    await load.stop();
    const lost = await verify(cluster.url, clients);
    const before = load.samples.filter((s) => s.at < restartStart).map((s) => s.ms);
    const during = load.samples.filter((s) => s.at >= restartStart && s.at < restartEnd).map((s) => s.ms);
    return {
      restartSeconds: (restartEnd - restartStart) / 1_000,
      operations: load.samples.length,
      failed: load.failures.length,
      retried: load.samples.filter((s) => s.attempts > 1).length,
      lost: lost.length,
      moves: clients.reduce((sum, c) => sum + c.ackedMoves, 0),
      p99Before: percentile(before, 99),
      p99During: percentile(during, 99),
      failures: load.failures.slice(0, 5),
    };
  } finally {
    await cluster.stop();
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
console.log(
  `# Scale-out: ${availableParallelism()} cores, ${clientCount} clients, ${seconds} s per phase, moves ${namesBoard ? "name their board (X-Tack-Board)" : "name only their card (the board's key in its id)"}`,
);
const one = await measure(1);
const two = await measure(2);
console.log(
  "\n| workers | board reads/s | read p99 ms | card moves/s | move p99 ms | moves committed from the worker's copy |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of [one, two])
  console.log(
    `| ${r.workers} | ${fmt(r.reads)} | ${fmt(r.readP99, 1)} | ${fmt(r.moves)} | ${fmt(r.moveP99, 1)} | ${fmt(r.fromCopy)} % |`,
  );
console.log(`| ratio 2/1 | ${fmt(two.reads / one.reads, 2)} | | ${fmt(two.moves / one.moves, 2)} | | |`);

const roll = await rollingRestartUnderLoad();
console.log("\n| rolling restart of 2 workers under load | value |");
console.log("| --- | --- |");
console.log(`| restart took | ${fmt(roll.restartSeconds, 1)} s |`);
console.log(`| operations (70% reads, 30% moves) | ${roll.operations} |`);
console.log(`| failed requests | ${roll.failed} |`);
console.log(`| operations that needed a client retry | ${roll.retried} |`);
console.log(`| acknowledged moves | ${roll.moves} |`);
console.log(`| lost or duplicated mutations | ${roll.lost} |`);
console.log(`| p99 before the restart | ${fmt(roll.p99Before, 1)} ms |`);
console.log(`| p99 during the restart | ${fmt(roll.p99During, 1)} ms |`);
if (roll.failures.length > 0) console.log(`\nfirst failures: ${roll.failures.join("; ")}`);
