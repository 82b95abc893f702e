// Runs N Tack workers on one machine, each its own process on its own port (Trello's 2013
// lesson: one cluster master sharing a port spread WebSockets unevenly), and HAProxy in front.
// A worker that exits is started again on the same port: at once after a clean exit (a rolling
// restart stopped it), with a growing delay after crashes so a broken release cannot spin.
// Decision record: docs/decisions/0010-process-model.md.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type HaproxyOptions, renderHaproxyConfig } from "./haproxy-config.ts";
import { type ClusterState, type WorkerState, writeClusterState } from "./run-state.ts";

const WORKER_MAIN = resolve(import.meta.dirname, "../main.ts");
/** Crash backoff: 250 ms doubling per recent crash, at most 15 s; crashes older than a minute are forgiven. */
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 15_000;
const CRASH_MEMORY_MS = 60_000;

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

  get configFile(): string {
    return join(this.options.runDir, "haproxy.cfg");
  }

  start(): void {
    mkdirSync(this.options.runDir, { recursive: true });
    for (const worker of this.workers) this.spawnWorker(worker);
    if (this.options.haproxy) this.startHaproxy();
    this.publish();
  }

  /** Re-renders HAProxy's configuration and reloads it without dropping connections. */
  reloadHaproxy(): void {
    if (!this.haproxy) return;
    this.writeHaproxyConfig();
    this.options.log("info", "reloading haproxy");
    this.haproxy.kill("SIGUSR2");
  }

  /** Stops HAProxy (soft: finishes its connections), then every worker gracefully. */
  async stop(): Promise<void> {
    this.stopping = true;
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
      if (!this.stopping) this.spawnWorker(worker);
    }, delay);
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
    // -W: master-worker mode (SIGUSR2 reloads, handing listeners over); -db: stay in the foreground.
    const child = spawn("haproxy", ["-W", "-db", "-f", this.configFile], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    this.haproxy = child;
    child.once("error", (error) => {
      this.options.log("error", "haproxy could not start: run scripts/ensure-haproxy.sh", {
        error: error.message,
      });
    });
    child.once("exit", (code, signal) => {
      if (this.haproxy !== child) return;
      this.haproxy = null;
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
        ? { pid: this.haproxy.pid ?? 0, socket: this.socketPath, configFile: this.configFile }
        : null,
    };
  }

  private publish(): void {
    writeClusterState(this.options.runDir, this.state());
  }
}
