// One board's changes, in order, to the sockets of this process subscribed to it. Changes reach
// a process out of order (two commits finishing in the other order, pub/sub from several
// processes) and can be lost (a Redis connection dropping): the feed holds a change that does not
// follow the last delivered seq until the missing ones arrive, and fetches them (catch-up.ts) when
// they do not come soon. So every subscriber sees each seq once, in order, with no holes.
//
// All state changes run on one promise chain, so an access re-check (which reads the store)
// finishes before the next change is delivered: a removed member receives nothing after removal.
import type { BoardChange } from "@tack/shared/changes";
import type { ServerMessage } from "@tack/shared/protocol";
import type { Store } from "../store/store.ts";
import type { CatchUpReader } from "./catch-up.ts";
import { toWire } from "./change-wire.ts";
import { deletesBoard, mayChangeReadAccess, mayRead } from "./read-access.ts";
import type { Frame } from "./subscription.ts";

/** How long a change waits for the ones before it before the feed fetches them itself. */
const GAP_WAIT_MS = 150;

export interface Subscriber {
  readonly memberId: string | null;
  /** Called in seq order, each seq once. `frame` is the serialized `board.change` message. */
  deliver(change: BoardChange, frame: Frame): void;
  /** Read access ended: the feed has already dropped this subscriber. */
  revoke(): void;
  /** The feed cannot bring this subscriber up to date change by change: it must reload. */
  reload(epoch: string, seq: number): void;
}

export interface FeedDeps {
  store: Store;
  catchUp: CatchUpReader;
  onError(error: unknown, what: string): void;
  /** The feed has no subscribers left and can be forgotten. */
  onEmpty(feed: BoardFeed): void;
  /** A change went out to `recipients` subscribers (metrics: pushes, fan-out lag). */
  onDelivered?(change: BoardChange, recipients: number): void;
}

export class BoardFeed {
  readonly board: string;
  private readonly deps: FeedDeps;
  /** The last seq delivered (or known to be before every subscriber's start). */
  private lastSeq = 0;
  private epoch = "";
  private readonly pending = new Map<number, { epoch: string; change: BoardChange }>();
  private readonly subscribers = new Set<Subscriber>();
  /** Member id ("" for anonymous) → may read; cleared by changes that may change access. */
  private readonly readable = new Map<string, boolean>();
  private chain: Promise<void>;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(board: string, deps: FeedDeps) {
    this.board = board;
    this.deps = deps;
    this.chain = this.start();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber if the member may read the board. Answers the seq it starts after (every
   * later change will be delivered to it), "denied", or "closed" when this feed ended meanwhile.
   */
  add(subscriber: Subscriber): Promise<number | "denied" | "closed"> {
    return this.serially<number | "denied" | "closed">(async () => {
      if (this.closed) return "closed";
      if (!(await this.canRead(subscriber.memberId))) return "denied";
      this.subscribers.add(subscriber);
      return this.lastSeq;
    }, "closed");
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (this.subscribers.size === 0) this.close();
  }

  /** A committed change for this board, from this process or another. */
  offer(epoch: string, change: BoardChange): void {
    if (this.closed) return;
    void this.serially(async () => {
      if (change.seq <= this.lastSeq) return;
      this.pending.set(change.seq, { epoch, change });
      await this.drain();
    }, undefined);
  }

  /** Messages may have been lost: fetch whatever came after the last delivered change. */
  resync(): void {
    if (!this.closed) void this.serially(() => this.fill(), undefined);
  }

  /** Access may have changed outside the board (a workspace member removed): check every subscriber
   * again, in turn with deliveries, so nothing after this reaches someone who lost access. */
  recheckAccess(): void {
    if (!this.closed) void this.serially(() => this.recheck(), undefined);
  }

  /** Stops the feed (idempotent); a later subscriber gets a new one. */
  close(): void {
    this.closed = true;
    clearTimeout(this.gapTimer);
    this.pending.clear();
    this.deps.onEmpty(this);
  }

  private async start(): Promise<void> {
    try {
      const current = await this.deps.store.boardById(this.board);
      this.lastSeq = current?.seq ?? 0;
      if (!current) this.close();
    } catch (error) {
      this.deps.onError(error, "feed start");
      this.close();
    }
  }

  private serially<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.then(
      () => undefined,
      (error: unknown) => this.deps.onError(error, `feed ${this.board}`),
    );
    return run.catch(() => fallback);
  }

  private async drain(): Promise<void> {
    for (let next = this.pending.get(this.lastSeq + 1); next; next = this.pending.get(this.lastSeq + 1)) {
      this.pending.delete(next.change.seq);
      await this.deliver(next.epoch, next.change);
      if (this.closed) return;
    }
    for (const seq of this.pending.keys()) if (seq <= this.lastSeq) this.pending.delete(seq);
    if (this.pending.size === 0) {
      clearTimeout(this.gapTimer);
      this.gapTimer = undefined;
    } else if (this.gapTimer === undefined) {
      // Armed once per hole, not re-armed by later changes, so steady traffic cannot starve the fill.
      this.gapTimer = setTimeout(() => {
        this.gapTimer = undefined;
        void this.serially(() => this.fill(), undefined);
      }, GAP_WAIT_MS);
    }
  }

  private async fill(): Promise<void> {
    if (this.closed) return;
    const answer = await this.deps.catchUp.read(this.board, { epoch: this.epoch, seq: this.lastSeq });
    switch (answer.kind) {
      case "changes":
        for (const change of answer.changes)
          if (change.seq > this.lastSeq) this.pending.set(change.seq, { epoch: answer.epoch, change });
        await this.drain();
        return;
      case "reload":
        this.lastSeq = answer.seq;
        for (const subscriber of this.subscribers) subscriber.reload(answer.epoch, answer.seq);
        await this.drain();
        return;
      case "future":
      case "gone":
        return; // the board is being deleted; its deleteBoard change closes the feed
    }
  }

  private async deliver(epoch: string, change: BoardChange): Promise<void> {
    this.lastSeq = change.seq;
    this.epoch = epoch;
    const message: ServerMessage = { type: "board.change", epoch, change: toWire(change) };
    const frame = Buffer.from(JSON.stringify(message));
    if (deletesBoard(change)) {
      // Everyone who could read the board hears that it is gone, then loses it.
      for (const subscriber of this.subscribers) subscriber.deliver(change, frame);
      for (const subscriber of this.subscribers) subscriber.revoke();
      this.subscribers.clear();
      this.close();
      return;
    }
    if (mayChangeReadAccess(change)) await this.recheck();
    for (const subscriber of this.subscribers) subscriber.deliver(change, frame);
    this.deps.onDelivered?.(change, this.subscribers.size);
  }

  private async recheck(): Promise<void> {
    this.readable.clear();
    for (const subscriber of [...this.subscribers]) {
      if (await this.canRead(subscriber.memberId)) continue;
      this.subscribers.delete(subscriber);
      subscriber.revoke();
    }
    if (this.subscribers.size === 0) this.close();
  }

  private async canRead(memberId: string | null): Promise<boolean> {
    const key = memberId ?? "";
    const cached = this.readable.get(key);
    if (cached !== undefined) return cached;
    const allowed = await mayRead(this.deps.store, this.board, memberId);
    this.readable.set(key, allowed);
    return allowed;
  }
}
