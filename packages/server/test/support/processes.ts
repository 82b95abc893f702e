// Real processes for the operations tests: Tack workers, the cluster supervisor, HAProxy, a private
// PostgreSQL or Redis. Every process started here is tracked and killed when the test ends (each
// test registers `stopAll` with `after`), and killed again on exit should the runner die first.
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "../../../..");
export const SERVER_MAIN = resolve(REPO_ROOT, "packages/server/src/main.ts");

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly output: string[] = [];
  /** Standard error alone (notices, warnings): small, so kept whole, unlike busy stdout. */
  readonly errors: string[] = [];
  readonly exited: Promise<Exit>;
  exit: Exit | null = null;

  constructor(
    name: string,
    command: string,
    args: string[],
    env: Record<string, string | undefined>,
    cwd = REPO_ROOT,
  ) {
    this.name = name;
    this.child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: false });
    const collect = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 5_000) this.output.splice(0, 1_000);
    };
    this.child.stdout?.on("data", collect);
    this.child.stderr?.on("data", (chunk: Buffer) => {
      collect(chunk);
      this.errors.push(chunk.toString());
    });
    this.exited = new Promise((done) => {
      this.child.once("exit", (code, signal) => {
        this.exit = { code, signal };
        done(this.exit);
      });
    });
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Recent output (stdout and stderr; the oldest is dropped past a few thousand chunks). */
  get log(): string {
    return this.output.join("");
  }

  /** Everything written to standard error. */
  get errorLog(): string {
    return this.errors.join("");
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exit === null) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 5_000): Promise<Exit> {
    if (this.exit) return this.exit;
    this.signal("SIGTERM");
    const timer = setTimeout(() => this.signal("SIGKILL"), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }
}

const running = new Set<Proc>();
process.once("exit", () => {
  for (const proc of running) proc.signal("SIGKILL");
});

/** Stops every process still running (use as `after(stopAll)`). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop(3_000)));
}

/** Runs a Tack worker (`main.ts`) with exactly this environment plus PATH. */
export function spawnWorker(name: string, env: Record<string, string>): Proc {
  return new Proc(name, process.execPath, [SERVER_MAIN], { PATH: process.env.PATH, ...env });
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `url` until `accept(status)` holds; throws with the last answer after `timeoutMs`. */
export async function waitForStatus(
  url: string,
  accept: (status: number) => boolean = (status) => status === 200,
  timeoutMs = 15_000,
  proc?: Proc,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (proc?.exit) throw new Error(`${proc.name} exited (${JSON.stringify(proc.exit)}):\n${proc.log}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (accept(res.status)) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw new Error(`${url} did not become ready in ${timeoutMs} ms (${last})${proc ? `\n${proc.log}` : ""}`);
}

/** Runs a command to completion and returns its exit code and output. */
export async function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<{ code: number | null; output: string }> {
  const proc = new Proc(command, command, args, env);
  const exit = await proc.exited;
  return { code: exit.code, output: proc.log };
}
