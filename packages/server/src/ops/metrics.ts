// Prometheus metrics of one worker, scraped at /metrics on the worker's own port (each worker is
// a separate process, so Prometheus scrapes every worker; HAProxy does not expose /metrics).
// One registry per app, so tests that build several apps in one process do not collide.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { BoardCacheStats } from "../store/board-objects-cache.ts";

/**
 * Buckets (seconds) for request, store and Redis timings: 0.5 ms to 5 s, finer between 5 and 100 ms,
 * where the real-time goals lie (a change on other screens within 25 ms p99, a move within 50 ms).
 */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.035, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: "tack_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status code",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: "tack_http_request_duration_seconds",
    help: "Time from request received to response sent, by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpInFlight = new Gauge({
    name: "tack_http_requests_in_flight",
    help: "HTTP requests being handled right now",
    registers: [this.registry],
  });

  readonly storeDuration = new Histogram({
    name: "tack_store_duration_seconds",
    help: "Durable store calls (PostgreSQL or SQLite), by store method and outcome",
    labelNames: ["op", "outcome"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly redisDuration = new Histogram({
    name: "tack_redis_duration_seconds",
    help: "Redis commands issued by the real-time layer, by operation",
    labelNames: ["op"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly sockets: Gauge = new Gauge({
    name: "tack_websockets_open",
    help: "WebSocket connections open on this worker",
    registers: [this.registry],
    collect: (): void => this.sockets.set(this.socketCount()),
  });

  readonly pushes = new Counter({
    name: "tack_pushes_total",
    help: "Changes pushed to subscribed WebSocket clients (one per change and socket)",
    registers: [this.registry],
  });

  readonly fanoutLag = new Histogram({
    name: "tack_fanout_lag_seconds",
    help: "Time from a change's action timestamp (taken as its command starts) to its fan-out to the subscribed sockets on this worker",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly draining = new Gauge({
    name: "tack_draining",
    help: "1 while this worker drains for shutdown (readiness fails), else 0",
    registers: [this.registry],
  });

  private boardCache: () => BoardCacheStats = () => ({
    hits: 0,
    misses: 0,
    objects: 0,
    indexed: 0,
    copyWrites: { committed: 0, behind: 0, stale: 0, read: 0, read_stale: 0 },
  });

  /** Board reads answered from the process's parsed copy of the board, and those that were not
   * (store/board-objects-cache.ts): the store's counts, caught up at each scrape. */
  readonly boardCacheReads: Counter = countsOf(this.registry, {
    name: "tack_board_cache_reads_total",
    help: "Board reads, by whether the board's objects were cached (hit) or read and parsed (miss)",
    read: () => {
      const { hits, misses } = this.boardCache();
      return { hit: hits, miss: misses };
    },
  });

  /** Board transactions run without the lock (decisions 0049, 0053, 0055, 0057): how often the
   * process's copy saved the lock's round trips (at its version, or behind the board with nothing
   * it read written since), how often it was stale, and how a fresh read did then (committed, or
   * stale again: the write went on under the lock). */
  readonly boardCopyWrites: Counter = countsOf(this.registry, {
    name: "tack_board_copy_writes_total",
    help: "Board transactions run without the board's lock: on the process's copy, committed at its version (committed), past it (behind) or found stale (stale); then on a fresh read, committed (read) or stale again (read_stale)",
    read: () => this.boardCache().copyWrites,
  });

  readonly boardCacheObjects: Gauge = new Gauge({
    name: "tack_board_cache_objects",
    help: "Board objects (lists, cards, labels, ...) this worker holds parsed for board reads",
    registers: [this.registry],
    collect: (): void => this.boardCacheObjects.set(this.boardCache().objects),
  });

  /** The store tells how to read its board cache's counters (read at each scrape). */
  watchBoardCache(stats: () => BoardCacheStats): void {
    this.boardCache = stats;
  }

  private socketCount: () => number = () => 0;

  /** The real-time layer tells how to count its open sockets (read at each scrape). */
  countSocketsWith(count: () => number): void {
    this.socketCount = count;
  }

  constructor(instanceId: string) {
    this.registry.setDefaultLabels({ instance_id: instanceId });
    collectDefaultMetrics({ register: this.registry, prefix: "tack_", gcDurationBuckets: GC_PAUSE_BUCKETS });
  }
}

/**
 * Garbage-collection pauses, in seconds, at the resolution of the latency goals: prom-client's
 * default buckets jump from 10 to 100 ms, where a young-generation pause of a busy worker (2–45 ms
 * on two shared cores, docs/benchmarks.md nineteenth session) decides a push's or a move's p99.
 */
const GC_PAUSE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * A counter with a `result` label whose totals another part keeps (`read`, by result): caught up
 * at each scrape by what each total grew since the last.
 */
function countsOf(
  registry: Registry,
  { name, help, read }: { name: string; help: string; read: () => Record<string, number> },
): Counter {
  let counted: Record<string, number> = {};
  const counter: Counter = new Counter({
    name,
    help,
    labelNames: ["result"],
    registers: [registry],
    collect: (): void => {
      const now = read();
      for (const [result, total] of Object.entries(now))
        counter.inc({ result }, total - (counted[result] ?? 0));
      counted = now;
    },
  });
  return counter;
}
