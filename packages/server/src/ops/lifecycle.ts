// A worker's life after start: ready, then draining, then closed. Other layers plug into it
// without knowing about shutdown: a dependency registers a readiness check (the store, Redis),
// and the real-time layer registers a drain hook that closes its sockets in batches when the
// worker shuts down (after HTTP stopped accepting and in-flight requests finished).

/** Throws (or rejects) when the dependency does not answer. */
export type ReadinessCheck = () => Promise<void>;

/** Ends long-lived connections; must finish by `deadline` (epoch ms). */
export type DrainHook = (deadline: number) => Promise<void>;

export interface ReadinessReport {
  ready: boolean;
  draining: boolean;
  /** Each critical dependency that did not answer, with why: the worker cannot serve. */
  failing: Array<{ name: string; message: string }>;
  /** Each non-critical dependency that did not answer: the worker serves in a degraded mode. */
  degraded: Array<{ name: string; message: string }>;
}

export interface ReadinessOptions {
  /** False: the worker still serves without it (degraded), so readiness does not fail. */
  critical: boolean;
}

/** How long one readiness check may take before it counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(promise: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class Lifecycle {
  private isDraining = false;
  private readonly checks = new Map<string, { check: ReadinessCheck; critical: boolean }>();
  private readonly drainHooks = new Map<string, DrainHook>();
  private inFlight = 0;
  private readonly idleWaiters = new Set<() => void>();

  get draining(): boolean {
    return this.isDraining;
  }

  /** Adds a dependency /readyz checks; a critical one must answer for the worker to be ready.
   * Returns an unregister function. */
  addReadinessCheck(
    name: string,
    check: ReadinessCheck,
    options: ReadinessOptions = { critical: true },
  ): () => void {
    this.checks.set(name, { check, critical: options.critical });
    return () => this.checks.delete(name);
  }

  /** Adds a step run during graceful shutdown. Returns an unregister function. */
  onDrain(name: string, hook: DrainHook): () => void {
    this.drainHooks.set(name, hook);
    return () => this.drainHooks.delete(name);
  }

  /** From now on /readyz answers 503, so the load balancer sends new work elsewhere. */
  startDraining(): void {
    this.isDraining = true;
  }

  async readiness(): Promise<ReadinessReport> {
    const failing: ReadinessReport["failing"] = [];
    const degraded: ReadinessReport["degraded"] = [];
    await Promise.all(
      [...this.checks].map(async ([name, { check, critical }]) => {
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS, name);
        } catch (error) {
          (critical ? failing : degraded).push({
            name,
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }),
    );
    return { ready: !this.isDraining && failing.length === 0, draining: this.isDraining, failing, degraded };
  }

  /** HTTP requests being handled right now (counted by the request hooks). */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  requestStarted(): void {
    this.inFlight++;
  }

  requestFinished(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.inFlight === 0) for (const wake of this.idleWaiters) wake();
  }

  /** Resolves true once no request is in flight, or false at the deadline. */
  async requestsDone(deadline: number): Promise<boolean> {
    if (this.inFlight === 0) return true;
    return new Promise((resolve) => {
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
      const finish = (done: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(done);
      };
      this.idleWaiters.add(wake);
    });
  }

  /** Runs every drain hook at once; a failing hook does not stop the others. */
  async runDrainHooks(deadline: number): Promise<Array<{ name: string; error: unknown }>> {
    const errors: Array<{ name: string; error: unknown }> = [];
    await Promise.all(
      [...this.drainHooks].map(async ([name, hook]) => {
        try {
          await hook(deadline);
        } catch (error) {
          errors.push({ name, error });
        }
      }),
    );
    return errors;
  }
}
