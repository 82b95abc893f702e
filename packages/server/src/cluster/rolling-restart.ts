// `deploy/rolling-restart`: restarts every worker of a running cluster, one at a time, without
// failing a request. For each worker:
//   1. drain it in HAProxy (runtime API): no new requests or sockets go to it;
//   2. wait until its in-flight HTTP requests are done (or a timeout);
//   3. SIGTERM it: it finishes what is left and closes its WebSockets in batches with 1001
//      "reconnect elsewhere", so those clients reconnect to the other workers;
//   4. the supervisor starts the new process (new code) on the same port; wait for its /readyz;
//   5. set it ready in HAProxy and wait until HAProxy's health check sees it UP,
// and only then the next one, so at most one worker is ever out of rotation. Last, every new
// worker is asked (SIGUSR2) to send its sockets home: HAProxy routes each board to one worker
// (decision 0062), and a socket that moved while its board's worker was drained would otherwise
// stay on another worker for as long as its tab stays open (`--keep-sockets` skips this).

import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { loadClusterConfig } from "../config.ts";
import { setWorkerState, workerStats, workerUp } from "./haproxy-runtime.ts";
import { readClusterState, type WorkerState } from "./run-state.ts";

export interface RollingRestartOptions {
  runDir: string;
  /** HAProxy's runtime API socket, when HAProxy is not the supervisor's own (containers). */
  haproxySocket?: string;
  /** Longest wait for a drained worker's HTTP requests to end. */
  drainTimeoutMs: number;
  /** Longest wait for a new worker to answer /readyz and be UP in HAProxy. */
  readyTimeoutMs: number;
  /** Ask the restarted workers to send their sockets to their boards' workers (default true). */
  sendSocketsHome?: boolean;
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

/** Restarts one worker; answers the pid of its new process. */
async function restartOne(
  options: RollingRestartOptions,
  socket: string,
  worker: WorkerState,
): Promise<number> {
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
  await waitUntil(`HAProxy to see ${name} UP`, options.readyTimeoutMs, () => workerUp(socket, name));
  options.log("restarted", { worker: name, pid: newPid, ms: Date.now() - started });
  return newPid;
}

export async function rollingRestart(options: RollingRestartOptions): Promise<void> {
  const state = readClusterState(options.runDir);
  if (!state.haproxy)
    throw new Error("The cluster runs without HAProxy: there is nothing to drain workers through");
  const restarted: number[] = [];
  for (const worker of state.workers) restarted.push(await restartOne(options, state.haproxy.socket, worker));
  if (options.sendSocketsHome === false) return;
  // Only the processes this run started: they run the code that handles the signal.
  for (const pid of restarted) {
    try {
      process.kill(pid, "SIGUSR2");
    } catch {
      // Gone since (it crashed): its sockets reconnected anyway.
    }
  }
  options.log("sockets sent to their boards' workers", { workers: restarted.length });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      "run-dir": { type: "string" },
      "haproxy-socket": { type: "string" },
      "drain-timeout": { type: "string", default: "15000" },
      "ready-timeout": { type: "string", default: "60000" },
      "keep-sockets": { type: "boolean", default: false },
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
      sendSocketsHome: !values["keep-sockets"],
      log,
    });
    log("all workers restarted", { ms: Date.now() - started });
  } catch (error) {
    process.stderr.write(`rolling restart failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
