// Delivers the outbox (docs/decisions/0024-notify-outbox.md). Entries are written in the board
// transaction of the change they follow (BoardTx.enqueue), so a committed change always has its
// entries and a rolled-back one never does. Exactly one process delivers at a time: the holder of
// a lease row in the database (cluster/held-lease.ts); if it dies (kill -9), the lease runs out and
// another takes over, starting again from the entries not yet marked done. Delivery is therefore
// at least once; each handler makes its effect idempotent (a notification per event and recipient).
//
// Order: entries are handed out by id, and ids grow in commit order within a board (the board is
// locked while its entries are written). When an entry fails, the rest of its board waits for the
// next pass, so a board's entries never overtake one another; other boards go on.
//
// Delivered entries keep no payload (it may hold a secret, such as an invitation's token) and are
// deleted by the holder once older than the retention (TACK_OUTBOX_RETENTION_HOURS).
import { HeldLease } from "../cluster/held-lease.ts";
import type { NotifyStore, OutboxEntry } from "../store/notify-store.ts";

/** Delivers one entry; throws to have it tried again on a later pass. */
export type OutboxDelivery = (entry: OutboxEntry) => Promise<void>;

/**
 * A topic's handler. Each pass hands it the pass's entries of its topic, in order, before any is
 * delivered, so it can read what they all need in one statement (the notify topic reads every
 * action's facts at once: issue 16); it answers how to deliver each one.
 */
export type OutboxHandler = (entries: readonly OutboxEntry[]) => Promise<OutboxDelivery>;

/** A handler with nothing to read ahead: each entry is delivered on its own. */
export function eachOnItsOwn(deliver: OutboxDelivery): OutboxHandler {
  return async () => deliver;
}

export interface OutboxWorkerOptions {
  /** Names this process in the lease row. */
  holder: string;
  /** How long a lease lasts without renewal: how long a dead holder delays delivery. */
  leaseMs?: number;
  /** How often the holder looks for entries another process committed. */
  pollMs?: number;
  /**
   * The least time between the end of one pass and the start of the next that a kick asks for:
   * a kick after a quiet spell runs its pass at once, and kicks that keep coming share a pass per
   * this long (decision 0046: a pass costs three statements however many entries it holds; at
   * 200 writes/s one pass per commit delivered one entry each).
   */
  gatherMs?: number;
  /** Entries per read. */
  batch?: number;
  /** Attempts after which a failing entry is logged and set aside, so its board moves on. */
  maxAttempts?: number;
  /** How long delivered entries are kept (for looking into a delivery) before they are deleted. */
  retentionMs?: number;
  /** How often the holder deletes delivered entries older than the retention. */
  pruneEveryMs?: number;
  onError(error: unknown, entry: OutboxEntry | null): void;
}

const LEASE_NAME = "outbox";

/** The least time from one pass to the next that a kick asks for, by default (`gatherMs`). */
export const GATHER_MS = 20;

export class OutboxWorker {
  private readonly store: NotifyStore;
  private readonly handlers: ReadonlyMap<string, OutboxHandler>;
  private readonly options: Required<Omit<OutboxWorkerOptions, "onError">> &
    Pick<OutboxWorkerOptions, "onError">;
  private timer: NodeJS.Timeout | undefined;
  /** When the pass `timer` starts is due (performance.now()); infinite while none is scheduled. */
  private dueAt = Number.POSITIVE_INFINITY;
  /** When the last pass (or drain) ended (performance.now()). */
  private lastPassEnded = Number.NEGATIVE_INFINITY;
  private running: Promise<void> | null = null;
  private again = false;
  /** Passes of this process run one after another (a drain and a scheduled pass never overlap). */
  private exclusive: Promise<void> = Promise.resolve();
  private stopped = false;
  private lastPrune = 0;
  private readonly lease: HeldLease;

  constructor(
    store: NotifyStore,
    handlers: ReadonlyMap<string, OutboxHandler>,
    options: OutboxWorkerOptions,
  ) {
    this.store = store;
    this.handlers = handlers;
    this.options = {
      leaseMs: 10_000,
      pollMs: 250,
      gatherMs: GATHER_MS,
      batch: 200,
      maxAttempts: 20,
      retentionMs: 7 * 86_400_000,
      pruneEveryMs: 3_600_000,
      ...options,
    };
    this.lease = new HeldLease(store, {
      name: LEASE_NAME,
      holder: options.holder,
      ttlMs: this.options.leaseMs,
    });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was just committed here: deliver now rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    // Another process holds the lease (it was refused a moment ago): it delivers, woken by the
    // same commit; trying again now would cost a statement and change nothing. Every commit kicks
    // every process (outbox-wake.ts); a holder that stops says so (`leaseFreed`), so a takeover
    // after a stop is still immediate, and after a crash the lease runs out first anyway.
    if (this.lease.refusedRecently()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const delay = Math.max(0, this.lastPassEnded + this.options.gatherMs - performance.now());
    // A pass already due by then takes this commit's entries too.
    if (this.dueAt <= performance.now() + delay) return;
    this.schedule(delay);
  }

  /** The holder gave the lease up (another process said so): ask for it at the next kick. */
  leaseFreed(): void {
    this.lease.freed();
    this.kick();
  }

  /** Stops after the current pass and gives the lease up, so another process takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.lease.release();
  }

  /** One pass, for tests and benchmarks: resolves when everything pending now was handled. */
  async drain(): Promise<void> {
    await this.serial(() => this.pass(false));
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.dueAt = performance.now() + delay;
    this.timer = setTimeout(() => {
      this.dueAt = Number.POSITIVE_INFINITY;
      this.running = this.serial(() => this.pass())
        .catch((error: unknown) => this.options.onError(error, null))
        .finally(() => {
          this.running = null;
          const soon = this.again;
          this.again = false;
          this.schedule(soon ? this.options.gatherMs : this.options.pollMs);
        });
    }, delay);
    this.timer.unref();
  }

  private serial(work: () => Promise<void>): Promise<void> {
    const run = this.exclusive.then(work, work).finally(() => {
      this.lastPassEnded = performance.now();
    });
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  /** Deletes delivered entries older than the retention now, for tests; the holder does it hourly. */
  async prune(now = Date.now()): Promise<number> {
    this.lastPrune = now;
    return this.store.pruneOutbox(new Date(now - this.options.retentionMs).toISOString());
  }

  private async pass(stoppable = true): Promise<void> {
    for (;;) {
      if (!(await this.lease.held())) return;
      if (Date.now() - this.lastPrune >= this.options.pruneEveryMs) await this.prune();
      const entries = await this.store.pendingOutbox(this.options.batch);
      if (entries.length === 0) return;
      const deliveries = await this.prepare(entries);
      const waiting = new Set<string>();
      // Marked done together once the pass's entries are handled (one statement, not one per
      // entry: issue 16). A crash before that delivers them again, which every handler absorbs.
      const done: number[] = [];
      try {
        for (const entry of entries) {
          if (stoppable && this.stopped) return;
          if (waiting.has(entry.boardId)) continue;
          if (await this.deliver(entry, deliveries.get(entry.topic))) done.push(entry.id);
          else waiting.add(entry.boardId);
        }
      } finally {
        if (done.length > 0) await this.store.outboxDone(done);
      }
      if (entries.length < this.options.batch || waiting.size > 0) return;
    }
  }

  /** Each topic's handler, given that topic's entries of this pass. */
  private async prepare(entries: readonly OutboxEntry[]): Promise<Map<string, OutboxDelivery>> {
    const byTopic = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      const same = byTopic.get(entry.topic);
      if (same) same.push(entry);
      else byTopic.set(entry.topic, [entry]);
    }
    const deliveries = new Map<string, OutboxDelivery>();
    for (const [topic, ofTopic] of byTopic) {
      const handler = this.handlers.get(topic);
      if (handler) deliveries.set(topic, await handler(ofTopic));
    }
    return deliveries;
  }

  /** True when the entry is done with (delivered, or set aside after too many attempts). */
  private async deliver(entry: OutboxEntry, delivery: OutboxDelivery | undefined): Promise<boolean> {
    try {
      // A topic no handler knows (written by a newer version during a rolling deploy) waits for it.
      if (!delivery) return false;
      await delivery(entry);
      return true;
    } catch (error) {
      this.options.onError(error, entry);
      if (entry.attempts + 1 >= this.options.maxAttempts) return true;
      await this.store.outboxFailed(entry.id);
      return false;
    }
  }
}
