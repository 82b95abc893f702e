// A scale-out cluster as an operator starts it (`npm run start:cluster`): the supervisor with N
// workers on consecutive free ports, HAProxy in front (HTTP, and HTTPS with a freshly generated
// self-signed certificate), a fresh PostgreSQL database and its own Redis key prefix.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import WebSocket from "ws";
import { readClusterState } from "../../src/cluster/run-state.ts";
import { freePort, freshPostgresDatabase } from "../harness.ts";
import { Proc, REPO_ROOT, sleep, waitForStatus } from "./processes.ts";

async function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once("error", () => done(false));
    server.listen(port, "127.0.0.1", () => server.close(() => done(true)));
  });
}

/** A run of `count` consecutive free ports. */
export async function freePortRange(count: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    let ok = true;
    for (let i = 0; i < count && ok; i++) ok = await portFree(base + i);
    if (ok) return base;
  }
  throw new Error("no run of free ports found");
}

export function makeCertificate(dir: string): string {
  execFileSync("bash", [resolve(REPO_ROOT, "deploy/make-self-signed-cert.sh"), dir], { stdio: "ignore" });
  return join(dir, "tack.pem");
}

export interface Cluster {
  supervisor: Proc;
  /** HAProxy's HTTP front door. */
  url: string;
  /** HAProxy's HTTPS front door, and the CA certificate to trust it. */
  httpsUrl: string;
  ca: string;
  runDir: string;
  basePort: number;
  databaseUrl: string;
  env: Record<string, string>;
  workerPids(): number[];
  stop(): Promise<void>;
}

export interface ClusterOptions {
  workers: number;
  env?: Record<string, string>;
  /** Use this database instead of a fresh one (the caller drops it). */
  databaseUrl?: string;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), "tack-cluster-"));
  const pg = options.databaseUrl ? null : await freshPostgresDatabase();
  const databaseUrl = options.databaseUrl ?? pg!.url;
  const basePort = await freePortRange(options.workers);
  const httpPort = await freePort();
  const httpsPort = await freePort();
  const pem = makeCertificate(dir);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TACK_TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
    TACK_REDIS_PREFIX: `tack_t_${Math.random().toString(36).slice(2, 10)}:`,
    TACK_PUBLIC_URL: `https://127.0.0.1:${httpsPort}`,
    TACK_DATA_DIR: dir,
    TACK_RUN_DIR: join(dir, "run"),
    TACK_BASE_PORT: String(basePort),
    TACK_HTTP_BIND: `127.0.0.1:${httpPort}`,
    TACK_HTTPS_BIND: `127.0.0.1:${httpsPort}`,
    TACK_TLS_PEM: pem,
    TACK_HAPROXY_STATS_BIND: "",
    TACK_HAPROXY_CHECK_MS: "250",
    TACK_AUTH_RATE_LIMIT: "100000",
    TACK_TOKEN_RATE_LIMIT: "100000",
    // Every test client connects from 127.0.0.1: the per-address socket cap would bite.
    TACK_SOCKETS_PER_ADDRESS: "1000000",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const supervisor = new Proc(
    "supervisor",
    process.execPath,
    [resolve(REPO_ROOT, "packages/server/src/cluster/main.ts"), "--workers", String(options.workers)],
    env,
  );
  const cluster: Cluster = {
    supervisor,
    url: `http://127.0.0.1:${httpPort}`,
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    ca: readFileSync(join(dir, "tack.crt"), "utf8"),
    runDir: env.TACK_RUN_DIR!,
    basePort,
    databaseUrl,
    env,
    workerPids: () => readClusterState(env.TACK_RUN_DIR!).workers.map((w) => w.pid),
    async stop() {
      await supervisor.stop(20_000);
      await pg?.drop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (let i = 0; i < options.workers; i++)
      await waitForStatus(`http://127.0.0.1:${basePort + i}/readyz`, undefined, 30_000, supervisor);
    await waitUntilAllUp(cluster);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}

/** Waits until HAProxy sees every worker UP (its health checks passed `rise` times). */
export async function waitUntilAllUp(cluster: Cluster, timeoutMs = 20_000): Promise<void> {
  const { serverStats } = await import("../../src/cluster/haproxy-runtime.ts");
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const stats = await serverStats(join(cluster.runDir, "haproxy.sock"));
      last = stats.map((s) => `${s.backend}/${s.server}=${s.status}`).join(" ");
      if (stats.length > 0 && stats.every((s) => s.status === "UP")) return;
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw new Error(`HAProxy does not see every worker UP: ${last}\n${cluster.supervisor.log}`);
}

/**
 * The worker that says hello on a socket opened through HAProxy's front door `url` with `query`
 * (`&board=…` routes it as the web client's socket is routed, decision 0062).
 */
export async function helloWorker(url: string, token: string, query = ""): Promise<string> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/1/socket?v=1&token=${token}${query}`);
  try {
    const hello = await new Promise<{ type: string; instance: string }>((resolve, reject) => {
      ws.once("message", (data) => resolve(JSON.parse(data.toString())));
      ws.once("error", reject);
    });
    if (hello.type !== "hello") throw new Error(`expected hello, got ${hello.type}`);
    return hello.instance;
  } finally {
    ws.close();
  }
}

/** Sum of a metric's samples on one worker (its own port), over the series whose labels include `labels`. */
export async function workerMetric(port: number, name: string, labels: string[] = []): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const samples = text
    .split("\n")
    .filter(
      (l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && labels.every((x) => l.includes(x)),
    );
  if (samples.length === 0 && labels.length === 0) throw new Error(`no ${name} on port ${port}`);
  return samples.reduce((sum, l) => sum + Number(l.split(" ").pop()), 0);
}
