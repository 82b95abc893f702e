// Runs N Tack workers on one machine, each its own process on its own port (Trello's 2013
// lesson: one cluster master sharing a port spread WebSockets unevenly), and HAProxy in front.
// A worker that exits is started again on the same port: at once after a clean exit (a rolling
// restart stopped it), with a growing delay after crashes so a broken release cannot spin. Once a
// crashed worker is back and has stayed up a while, the others send its boards' sockets home.
// Decision record: docs/decisions/0010-process-model.md.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type HaproxyOptions, renderHaproxyConfig } from "./haproxy-config.ts";
import { type MasterStatus, masterStatus, workerUp } from "./haproxy-runtime.ts";
import { type ClusterState, type WorkerState, writeClusterState } from "./run-state.ts";

const WORKER_MAIN = resolve(import.meta.dirname, "../main.ts");
/** Crash backoff: 250 ms doubling per recent crash, at most 15 s; crashes older than a minute are forgiven. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 15_000;
const CRASH_MEMORY_MS = 60_000;
/**
 * How long a worker restarted after a crash must have been UP in HAProxy before the other workers
 * send its boards' sockets back to it: a worker that crashes again soon after does not make every
 * client reconnect each time.
 */
const SETTLE_AFTER_CRASH_MS = 5_000;
/** Longest wait for a restarted worker to be UP in HAProxy (its health check: `inter * rise`). */
const UP_TIMEOUT_MS = 60_000;
/** How often the runtime API is asked whether a restarted worker is UP. */
const UP_POLL_MS = 200;
/** How often the master CLI is asked whether HAProxy's master is (again) ready for a reload. */
const MASTER_POLL_MS = 100;
/** A master that has not come back this long after a reload is reported, and the queue moves on. */
const RELOAD_TIMEOUT_MS = 120_000;

export interface SupervisorOptions {
  workers: number;
  basePort: number;
  /** Address the workers listen on. */
  workerHost: string;
  runDir: string;
  /** Environment of every worker (the supervisor adds PORT, HOST and TACK_INSTANCE_ID). */
  workerEnv: Record<string, string | undefined>;
  /** HAProxy settings without servers and socket (the supervisor fills those); null: no HAProxy. */
  haproxy: Omit<HaproxyOptions, "servers" | "socketPath"> | null;
  /** How long a stop waits for workers to shut down gracefully before killing them. */
  stopTimeoutMs: number;
  log: (level: "info" | "warn" | "error", msg: string, fields?: Record<string, unknown>) => void;
}

interface Worker {
  state: WorkerState;
  child: ChildProcess | null;
  crashes: number[];
  restartTimer: NodeJS.Timeout | null;
}

export class Supervisor {
  private readonly options: SupervisorOptions;
  private readonly workers: Worker[];
  private haproxy: ChildProcess | null = null;
  private haproxyFailures: number[] = [];
  /** Reloads asked for and not yet started; carried out one after another by `reloads`. */
  private pendingReloads = 0;
  private reloads: Promise<void> | null = null;
  private stopping = false;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.workers = Array.from({ length: options.workers }, (_, i) => ({
      state: { name: `w${i + 1}`, port: options.basePort + i, pid: 0, startedAt: "", restarts: 0 },
      child: null,
      crashes: [],
      restartTimer: null,
    }));
  }

  get socketPath(): string {
    return join(this.options.runDir, "haproxy.sock");
  }

  /** HAProxy's master CLI (`-S`): `show proc` tells whether a reload was carried out. */
  get masterSocketPath(): string {
    return join(this.options.runDir, "haproxy-master.sock");
  }

  get configFile(): string {
    return join(this.options.runDir, "haproxy.cfg");
  }

  start(): void {
    mkdirSync(this.options.runDir, { recursive: true });
    for (const worker of this.workers) this.spawnWorker(worker);
    if (this.options.haproxy) this.startHaproxy();
    this.publish();
  }

  /**
   * Re-renders HAProxy's configuration and reloads it without dropping connections. Reloads run
   * one at a time: HAProxy 2.6's master re-executes itself on SIGUSR2 and ignores SIGUSR2 until
   * its new image reaches its event loop, so a second signal sent during that window is lost.
   * Each reload therefore waits until the master CLI answers with the previous reload counted.
   */
  reloadHaproxy(): void {
    if (!this.haproxy) {
      this.options.log("info", "haproxy is (re)starting; it will load the current configuration");
      return;
    }
    this.pendingReloads++;
    this.reloads ??= this.runReloads().finally(() => {
      this.reloads = null;
    });
  }

  private async runReloads(): Promise<void> {
    while (this.pendingReloads > 0) {
      const child = this.haproxy;
      if (!child || this.stopping) return;
      const before = await this.waitForMaster(child, () => true);
      if (!before) return;
      this.pendingReloads--;
      this.writeHaproxyConfig();
      this.options.log("info", "reloading haproxy", { reload: before.reloads + 1 });
      child.kill("SIGUSR2");
      const after = await this.waitForMaster(child, (status) => status.reloads > before.reloads);
      if (!after) continue;
      const newest = after.workers.find((w) => w.reloads === 0);
      if (after.failedReloads > before.failedReloads)
        this.options.log(
          "error",
          `haproxy refused the new configuration ${this.configFile} (its errors are on standard error); the previous one stays in service`,
          { reload: after.reloads },
        );
      else
        this.options.log("info", "haproxy reloaded", { reload: after.reloads, workerPid: newest?.pid ?? 0 });
    }
  }

  /**
   * Polls the master CLI until `ready` holds for its answer. Null when HAProxy exited or the
   * cluster is stopping (a restarted HAProxy loads the current configuration anyway), or when the
   * master did not come back in time (reported, so the queue is not stuck behind it).
   */
  private async waitForMaster(
    child: ChildProcess,
    ready: (status: MasterStatus) => boolean,
  ): Promise<MasterStatus | null> {
    const deadline = Date.now() + RELOAD_TIMEOUT_MS;
    let last = "no answer";
    while (this.haproxy === child && !this.stopping) {
      try {
        const status = await masterStatus(this.masterSocketPath);
        if (ready(status)) return status;
        last = `${status.reloads} reloads`;
      } catch (error) {
        // Refused or unanswered while the master starts or re-executes itself: ask again.
        last = (error as Error).message;
      }
      if (Date.now() > deadline) {
        this.options.log("error", "haproxy's master did not come back after a reload", { last });
        return null;
      }
      await new Promise((done) => setTimeout(done, MASTER_POLL_MS));
    }
    return null;
  }

  /** Stops HAProxy (soft: finishes its connections), then every worker gracefully. */
  async stop(): Promise<void> {
    this.stopping = true;
    // A master re-executing itself would lose the stop signal too: let a reload in flight land.
    await this.reloads;
    const exits: Promise<unknown>[] = [];
    for (const worker of this.workers) {
      if (worker.restartTimer) clearTimeout(worker.restartTimer);
      if (worker.child) exits.push(this.terminate(worker.child));
    }
    if (this.haproxy) exits.push(this.terminate(this.haproxy, "SIGUSR1"));
    await Promise.all(exits);
    this.options.log("info", "cluster stopped");
  }

  private terminate(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), this.options.stopTimeoutMs);
      child.once("exit", () => {
        clearTimeout(timer);
        done();
      });
      child.kill(signal);
    });
  }

  private spawnWorker(worker: Worker): void {
    const { state } = worker;
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        ...this.options.workerEnv,
        PORT: String(state.port),
        // Only HAProxy and Prometheus talk to a worker directly: loopback unless they run elsewhere.
        HOST: this.options.workerHost,
        TACK_INSTANCE_ID: state.name,
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    worker.child = child;
    state.pid = child.pid ?? 0;
    state.startedAt = new Date().toISOString();
    this.options.log("info", "worker started", { worker: state.name, port: state.port, pid: state.pid });
    child.once("exit", (code, signal) => this.workerExited(worker, child, code, signal));
    this.publish();
  }

  private workerExited(
    worker: Worker,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (worker.child !== child) return;
    worker.child = null;
    worker.state.pid = 0;
    this.publish();
    if (this.stopping) return;
    const clean = code === 0;
    const now = Date.now();
    if (!clean) worker.crashes = [...worker.crashes.filter((t) => now - t < CRASH_MEMORY_MS), now];
    const delay = clean ? 0 : Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (worker.crashes.length - 1));
    this.options.log(
      clean ? "info" : "warn",
      clean ? "worker exited, starting it again" : "worker crashed, restarting",
      {
        worker: worker.state.name,
        code,
        signal,
        restartInMs: delay,
      },
    );
    worker.state.restarts++;
    worker.restartTimer = setTimeout(() => {
      worker.restartTimer = null;
      if (this.stopping) return;
      this.spawnWorker(worker);
      if (!clean)
        this.sendSocketsHomeAfterCrash(worker).catch((error: unknown) =>
          this.options.log("warn", "could not send the sockets home after a crash", {
            worker: worker.state.name,
            error: (error as Error).message,
          }),
        );
    }, delay);
  }

  /**
   * While a worker was down its boards' sockets reconnected to the others, and HAProxy moves no
   * open socket back (decision 0062); the board's writes come back to its worker, the web client's
   * socket writes and pushes would not. So once the restarted worker has been UP in HAProxy for
   * SETTLE_AFTER_CRASH_MS, every other worker is asked (SIGUSR2) to have its sockets reconnect, in
   * spaced batches; through HAProxy each comes back on its board's worker. A rolling restart (clean
   * exits) does the same as its last step itself.
   */
  private async sendSocketsHomeAfterCrash(worker: Worker): Promise<void> {
    const child = worker.child;
    if (!this.options.haproxy || !child) return;
    const name = worker.state.name;
    const current = () => !this.stopping && worker.child === child;
    const deadline = Date.now() + UP_TIMEOUT_MS;
    while (!(await this.upInHaproxy(name))) {
      if (!current() || Date.now() > deadline) return;
      await sleep(UP_POLL_MS);
    }
    await sleep(SETTLE_AFTER_CRASH_MS);
    if (!current() || !(await this.upInHaproxy(name))) return;
    // Only workers HAProxy sees UP: they have answered /readyz, so their handler for the signal is
    // installed (main.ts), where a worker still starting would be stopped by it; and a worker a
    // rolling restart is draining is left to that restart.
    const others: Worker[] = [];
    for (const other of this.workers)
      if (other !== worker && other.child && (await this.upInHaproxy(other.state.name))) others.push(other);
    for (const other of others) other.child?.kill("SIGUSR2");
    this.options.log("info", "worker back after a crash: the others send its boards' sockets home", {
      worker: name,
      asked: others.map((other) => other.state.name),
    });
  }

  /** Whether HAProxy has the worker UP (false while HAProxy cannot answer: the caller asks again). */
  private upInHaproxy(name: string): Promise<boolean> {
    return workerUp(this.socketPath, name).catch(() => false);
  }

  private writeHaproxyConfig(): void {
    if (!this.options.haproxy) return;
    const config = renderHaproxyConfig({
      ...this.options.haproxy,
      servers: this.workers.map((w) => ({ name: w.state.name, host: "127.0.0.1", port: w.state.port })),
      socketPath: this.socketPath,
    });
    writeFileSync(this.configFile, config);
  }

  private startHaproxy(): void {
    this.writeHaproxyConfig();
    // -W: master-worker mode (SIGUSR2 reloads, handing listeners over); -db: stay in the foreground;
    // -S: the master CLI, owner-only like the runtime socket.
    const child = spawn(
      "haproxy",
      ["-W", "-db", "-S", `${this.masterSocketPath},mode,600`, "-f", this.configFile],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    this.haproxy = child;
    child.once("error", (error) => {
      this.options.log("error", "haproxy could not start: run scripts/ensure-haproxy.sh", {
        error: error.message,
      });
    });
    child.once("exit", (code, signal) => {
      if (this.haproxy !== child) return;
      this.haproxy = null;
      // The restarted HAProxy renders and loads the current configuration: nothing left to reload.
      this.pendingReloads = 0;
      this.publish();
      if (this.stopping) return;
      const now = Date.now();
      this.haproxyFailures = [...this.haproxyFailures.filter((t) => now - t < CRASH_MEMORY_MS), now];
      const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (this.haproxyFailures.length - 1));
      this.options.log("error", "haproxy exited; starting it again", { code, signal, restartInMs: delay });
      setTimeout(() => {
        if (!this.stopping) this.startHaproxy();
      }, delay);
    });
    this.publish();
  }

  state(): ClusterState {
    return {
      supervisorPid: process.pid,
      workers: this.workers.map((w) => ({ ...w.state })),
      haproxy: this.haproxy
        ? {
            pid: this.haproxy.pid ?? 0,
            socket: this.socketPath,
            masterSocket: this.masterSocketPath,
            configFile: this.configFile,
          }
        : null,
    };
  }

  private publish(): void {
    writeClusterState(this.options.runDir, this.state());
  }
}
