// `deploy/rolling-restart`: restarts every worker of a running cluster, one at a time, without
// failing a request. For each worker:
//   1. drain it in HAProxy (runtime API): no new requests or sockets go to it;
//   2. wait until its in-flight HTTP requests are done (or a timeout);
//   3. SIGTERM it: it finishes what is left and closes its WebSockets in batches with 1001
//      "reconnect elsewhere", so those clients reconnect to the other workers;
//   4. the supervisor starts the new process (new code) on the same port; wait for its /readyz;
//   5. set it ready in HAProxy and wait until HAProxy's health check sees it UP,
// and only then the next one, so at most one worker is ever out of rotation.
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { loadClusterConfig } from "../config.ts";
import { setWorkerState, workerStats } from "./haproxy-runtime.ts";
import { readClusterState, type WorkerState } from "./run-state.ts";

export interface RollingRestartOptions {
  runDir: string;
  /** HAProxy's runtime API socket, when HAProxy is not the supervisor's own (containers). */
  haproxySocket?: string;
  /** Longest wait for a drained worker's HTTP requests to end. */
  drainTimeoutMs: number;
  /** Longest wait for a new worker to answer /readyz and be UP in HAProxy. */
  readyTimeoutMs: number;
  log: (msg: string, fields?: Record<string, unknown>) => void;
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // Not there yet (connection refused while the worker restarts): keep polling.
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function isReady(port: number): Promise<boolean> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
  await res.arrayBuffer();
  return res.status === 200;
}

async function restartOne(
  options: RollingRestartOptions,
  socket: string,
  worker: WorkerState,
): Promise<void> {
  const { name, port } = worker;
  const started = Date.now();
  options.log("draining", { worker: name });
  await setWorkerState(socket, name, "drain");
  try {
    await waitUntil(`${name}'s HTTP requests to finish`, options.drainTimeoutMs, async () => {
      const stats = await workerStats(socket, name);
      return stats
        .filter((s) => !s.backend.endsWith("_sockets"))
        .every((s) => s.current === 0 && s.queued === 0);
    });
  } catch (error) {
    options.log("drain timeout: stopping the worker anyway; it finishes its requests itself", {
      worker: name,
      error: (error as Error).message,
    });
  }

  const oldPid = readClusterState(options.runDir).workers.find((w) => w.name === name)?.pid ?? 0;
  if (oldPid > 0) {
    options.log("stopping", { worker: name, pid: oldPid });
    try {
      process.kill(oldPid, "SIGTERM");
    } catch {
      // Already gone (it crashed): the supervisor is restarting it.
    }
  }
  let newPid = 0;
  await waitUntil(`${name} to be started again by the supervisor`, options.readyTimeoutMs, async () => {
    newPid = readClusterState(options.runDir).workers.find((w) => w.name === name)?.pid ?? 0;
    return newPid !== 0 && newPid !== oldPid;
  });
  await waitUntil(`${name} (pid ${newPid}) to answer /readyz`, options.readyTimeoutMs, () => isReady(port));
  await setWorkerState(socket, name, "ready");
  await waitUntil(`HAProxy to see ${name} UP`, options.readyTimeoutMs, async () =>
    (await workerStats(socket, name)).every((s) => s.status === "UP"),
  );
  options.log("restarted", { worker: name, pid: newPid, ms: Date.now() - started });
}

export async function rollingRestart(options: RollingRestartOptions): Promise<void> {
  const state = readClusterState(options.runDir);
  if (!state.haproxy)
    throw new Error("The cluster runs without HAProxy: there is nothing to drain workers through");
  for (const worker of state.workers) await restartOne(options, state.haproxy.socket, worker);
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      "run-dir": { type: "string" },
      "haproxy-socket": { type: "string" },
      "drain-timeout": { type: "string", default: "15000" },
      "ready-timeout": { type: "string", default: "60000" },
    },
  });
  const started = Date.now();
  const log = (msg: string, fields: Record<string, unknown> = {}) =>
    process.stdout.write(
      `${JSON.stringify({ time: new Date().toISOString(), process: "rolling-restart", msg, ...fields })}\n`,
    );
  try {
    await rollingRestart({
      runDir: values["run-dir"] ?? loadClusterConfig().runDir,
      ...(values["haproxy-socket"] ? { haproxySocket: values["haproxy-socket"] } : {}),
      drainTimeoutMs: Number(values["drain-timeout"]),
      readyTimeoutMs: Number(values["ready-timeout"]),
      log,
    });
    log("all workers restarted", { ms: Date.now() - started });
  } catch (error) {
    process.stderr.write(`rolling restart failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
