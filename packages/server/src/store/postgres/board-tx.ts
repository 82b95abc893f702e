// One board transaction on PostgreSQL, on the one connection that holds the board row's lock, so a
// command sees and changes its board as if it were alone on it.
//
// Writes of objects and actions are buffered and reach PostgreSQL in one statement when the
// transaction ends (`flush`), together with the board row's new seq: a card move is then one
// write round trip instead of three or more. Reads inside the transaction see the buffered writes
// (`get`, `children`, `all` overlay them), and the few reads that cannot be overlaid cheaply
// (`countOpen`, comments) flush first. The action and placeholder halves live in their concerns'
// files (actions.ts, placeholders.ts).

import type { BoardChange } from "@tack/shared/changes";
import type { Action, Board, BoardObjectKind, BoardObjectOf, Member, Membership } from "@tack/shared/models";
import { parentOf } from "@tack/shared/models";
import type { PlacementSpan, Positioned } from "@tack/shared/positions";
import type { Reaction } from "@tack/shared/reactions";
import type { PoolClient } from "pg";
import type { ActionDraft, PriorMutation } from "../action-log.ts";
import type { BoardObjectsCache, ObjectWrite } from "../board-objects-cache.ts";
import type { BoardTx, MutationRef, PositionedKind, Prefetch } from "../board-tx.ts";
import type { OutboxDraft } from "../notify-store.ts";
import { readObject } from "../rows.ts";
import { type ActionLogMark, type MutationActionRow, PostgresActionLogTx } from "./actions.ts";
import { BoardReadAhead, type ReadAheadRow, type StoredObject } from "./board-read-ahead.ts";
import {
  type FlushResult,
  type FlushThen,
  type FreshRows,
  flushBoardTx,
  type Listing,
  type PendingObject,
  type PendingOutbox,
  type ReadSet,
} from "./board-tx-flush.ts";
import { PostgresPlaceholderTx } from "./placeholders.ts";
import { query } from "./query.ts";

/** Buffered objects past which they are written early, so one statement stays a sane size. */
const BATCH_OBJECTS = 500;

/**
 * Thrown when a transaction running on the cached board before its lock (decision 0049) needs the
 * database: a read the cache does not answer, or a write that cannot wait for the end. It has sent
 * nothing; it runs again the usual way, under the lock.
 */
export class NeedsLock extends Error {
  constructor() {
    super("this command needs the board's lock");
  }
}

/** The connection as such a transaction sees it: every statement is refused with NeedsLock. */
const BEFORE_LOCK = {
  query: () => Promise.reject(new NeedsLock()),
} as unknown as PoolClient;

/** What a transaction run before its lock assumed: its flush writes only if both still hold. */
export interface Expected {
  /** The board row's version the cached board is at. */
  readonly version: number;
  /** Whether a webhook exists, as the process last saw. */
  readonly webhooks: boolean;
}

/** A point in a transaction's buffered writes (`mark`/`restore`). */
export interface BoardTxMark {
  readonly board: Board;
  readonly removed: boolean;
  readonly puts: ReadonlyMap<string, PendingObject>;
  readonly removals: ReadonlyMap<string, BoardObjectKind>;
  readonly outbox: readonly PendingOutbox[];
  readonly log: ActionLogMark;
  /** How long the journal of flushed writes was (a savepoint takes back the flushes since). */
  readonly journal: number;
}

export class PostgresBoardTx implements BoardTx {
  readonly boardId: string;
  private current: Board;
  /** The connection the flushes use. */
  private readonly client: PoolClient;
  /** The connection reads and direct writes use: BEFORE_LOCK while `expect` is set. */
  private readonly reads: PoolClient;
  /** Set when the transaction runs before its lock (decision 0049); null under the lock. */
  private readonly expect: Expected | null;
  /** False when the finishing flush found `expect` no longer true and wrote nothing. */
  applied = true;
  private readonly puts = new Map<string, PendingObject>();
  private readonly removals = new Map<string, BoardObjectKind>();
  /** Outbox entries, in order, written with the next flush (so with the actions they name). */
  private readonly outbox: PendingOutbox[] = [];
  private readonly log: PostgresActionLogTx;
  private readonly placeholders: PostgresPlaceholderTx;
  /** Stored rows read ahead (`prefetch`), forgotten whenever the table changes under them. */
  private readonly ahead = new BoardReadAhead();
  /** Set by `removeBoard`: the transaction ends by deleting the board (runBoardTransaction). */
  removed = false;
  /** The board row's version when this transaction locked it (or the copy's, before the lock,
   * until the commit says which version it was written on); null when it created the board. */
  private startVersion: number | null;
  /** The board's document and seq as the copy had them, before the lock (decision 0055). */
  private readonly copyHead: { board: Board; seq: number };
  /** What was read of the stored objects before the lock (decision 0055); null under the lock. */
  private readonly readSet: ReadSetTracker | null;
  /** The version the finishing flush gave the board row, and the document it saved (JSON). */
  private endVersion: number | null = null;
  private endBoardText = "";
  /** Whether a flush has written to the table: the cached board no longer shows what it holds. */
  private flushed = false;
  /** The object rows flushed so far, in order, for the process's board cache (`carryInto`). */
  private readonly journal: ObjectWrite[] = [];
  /** False once a flush wrote fewer rows than it sent (another board's ids): the journal is not
   * what the table holds, so the cache is not carried forward. */
  private journalExact = true;
  /** Outbox rows the flushes so far wrote (`queuedOutbox`). */
  private outboxWritten = 0;
  /**
   * In a two-board transaction, the board objects move away from: its buffered removals must reach
   * the table before this board's puts of the same ids (a put never takes a row of another board).
   */
  movesFrom: PostgresBoardTx | null = null;
  /**
   * Called before the first statement that writes (a flush or a direct write): in a grouped
   * transaction (board-group.ts) it sets a savepoint, so a failing command can be undone alone.
   */
  beforeWrite: () => Promise<void> = async () => undefined;

  /**
   * Whether a webhook existed when this transaction took the webhooks gate (board-transaction.ts):
   * exact, since no webhook can be inserted before this transaction ends.
   */
  private readonly webhooksExist: boolean;

  constructor(
    client: PoolClient,
    boardId: string,
    head: { board: Board; seq: number; version: number | null },
    webhooksExist: boolean,
    expect: Expected | null = null,
  ) {
    const { board, seq } = head;
    this.startVersion = head.version;
    this.copyHead = { board, seq };
    this.readSet = expect ? new ReadSetTracker() : null;
    this.client = client;
    this.expect = expect;
    this.reads = expect ? BEFORE_LOCK : client;
    this.webhooksExist = webhooksExist;
    this.boardId = boardId;
    this.current = board;
    this.log = new PostgresActionLogTx(this.reads, boardId, seq, () => this.flush());
    this.placeholders = new PostgresPlaceholderTx(this.reads, boardId, () => this.beforeWrite());
  }

  /** What this transaction holds in memory now, to go back to if the next command fails (board-group.ts). */
  mark(): BoardTxMark {
    return {
      board: this.current,
      removed: this.removed,
      puts: new Map(this.puts),
      removals: new Map(this.removals),
      outbox: [...this.outbox],
      log: this.log.mark(),
      journal: this.journal.length,
    };
  }

  /** Forgets everything buffered since `mark` (the database side is the caller's: a savepoint). */
  restore(mark: BoardTxMark): void {
    this.current = mark.board;
    this.removed = mark.removed;
    this.puts.clear();
    for (const [id, put] of mark.puts) this.puts.set(id, put);
    this.removals.clear();
    for (const [id, kind] of mark.removals) this.removals.set(id, kind);
    this.outbox.splice(0, this.outbox.length, ...mark.outbox);
    this.log.restore(mark.log);
    this.journal.length = mark.journal;
    // A savepoint may have taken back rows read since: read them again.
    this.ahead.clear();
  }

  /** The board's sequence number after the actions recorded so far. */
  get seq(): number {
    return this.log.seq;
  }

  /** The changes recorded so far, in order. */
  get changes(): BoardChange[] {
    return this.log.changes;
  }

  board(): Board {
    return this.current;
  }

  async putBoard(board: Board): Promise<void> {
    this.current = board;
  }

  async removeBoard(): Promise<void> {
    this.removed = true;
  }

  async enqueue(draft: OutboxDraft): Promise<void> {
    if (draft.onlyWithWebhooks && !this.webhooksExist) return;
    // Buffered like the actions: the flush writes it in the same statement, so it commits or rolls
    // back with the board and costs no round trip of its own. Whether someone watches an
    // `onlyIfWatched` entry's objects is checked there too, so only the flush knows if it was written.
    this.outbox.push({ draft, createdAt: new Date().toISOString() });
  }

  get queuedOutbox(): boolean {
    return this.outboxWritten > 0;
  }

  async get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null> {
    if (this.removals.has(id)) return null;
    const pending = this.puts.get(id);
    if (pending) return pending.kind === kind ? (pending.doc as BoardObjectOf[K]) : null;
    const ahead = this.ahead.object(id);
    if (ahead !== undefined) {
      this.readSet?.object(id, ahead !== null);
      return ahead?.kind === kind ? ahead.read(kind) : null;
    }
    const { rows } = await query<{ doc: unknown }>(
      this.reads,
      "SELECT doc FROM objects WHERE id = $1 AND kind = $2 AND board_id = $3",
      [id, kind, this.boardId],
    );
    return rows[0] ? readObject(kind, rows[0].doc) : null;
  }

  /** What READ_AHEAD_SQL answered for `want` in the transaction's BEGIN write (board-transaction.ts). */
  prefetched(rows: readonly ReadAheadRow[], want: Prefetch): void {
    this.ahead.loadRows(rows, want);
  }

  /**
   * Reads ahead what `want` names. With the process's board cache: when it holds the board at the
   * version this transaction locked and nothing was written yet, the rows come from it (the lock
   * keeps them current), not from a statement.
   */
  async prefetch(want: Prefetch, cache?: BoardObjectsCache): Promise<void> {
    const cached =
      cache && this.startVersion !== null && !this.flushed
        ? cache.peek(this.boardId, this.startVersion)
        : null;
    if (cached) this.ahead.loadCached(cached, want);
    else await this.ahead.load(this.reads, this.boardId, want);
  }

  async children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const ahead = this.ahead.children(kind, parentId);
    const underParent = docsOf(kind, (doc) => parentOf(kind, doc) === parentId);
    if (ahead) {
      this.readSet?.listing(kind, parentId, ahead.length);
      return this.overlay(readEach(kind, ahead), underParent);
    }
    const { rows } = await query<{ doc: unknown }>(
      this.reads,
      "SELECT doc FROM objects WHERE parent_id = $1 AND kind = $2 AND board_id = $3",
      [parentId, kind, this.boardId],
    );
    return this.overlay(
      rows.map((r) => readObject(kind, r.doc)),
      underParent,
    );
  }

  async positions(kind: PositionedKind, parentId: string): Promise<Positioned[]> {
    const ahead = this.ahead.positions(kind, parentId);
    if (ahead) this.readSet?.positions(kind, parentId, ahead.length);
    const stored =
      ahead ??
      (
        await query<Positioned>(
          this.reads,
          "SELECT id, COALESCE((doc->>'pos')::float8, 0) AS pos FROM objects WHERE parent_id = $1 AND kind = $2 AND board_id = $3",
          [parentId, kind, this.boardId],
        )
      ).rows;
    return this.overlay(stored, (pending) =>
      pending.kind === kind && parentOf(kind, pending.doc as never) === parentId
        ? { id: pending.doc.id, pos: (pending.doc as { pos: number }).pos }
        : null,
    );
  }

  placedWithin(kind: PositionedKind, parentId: string, span: PlacementSpan, except: string): void {
    const stored = this.ahead.positions(kind, parentId);
    if (!this.readSet || !stored) return; // under the lock, or read by a statement (which needs it)
    const within = stored.filter(
      (s) =>
        s.id !== except &&
        (span.low === null || s.pos >= span.low) &&
        (span.high === null || s.pos <= span.high),
    );
    this.readSet.narrowed(kind, parentId, within.length, { ...span, except });
  }

  async all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]> {
    const ahead = this.ahead.all(kind);
    const any = docsOf(kind, () => true);
    if (ahead) {
      this.readSet?.listing(kind, null, ahead.length);
      return this.overlay(readEach(kind, ahead), any);
    }
    const { rows } = await query<{ doc: unknown }>(
      this.reads,
      "SELECT doc FROM objects WHERE board_id = $1 AND kind = $2",
      [this.boardId, kind],
    );
    return this.overlay(
      rows.map((r) => readObject(kind, r.doc)),
      any,
    );
  }

  /**
   * Stored rows (documents, or ids and positions) as this transaction sees them: buffered versions
   * replace, removals drop, new ones join. `seen` is what a buffered object is in these rows, or
   * null when it is not one of them (another kind, moved to another parent).
   */
  private overlay<T extends { readonly id: string }>(
    stored: T[],
    seen: (pending: PendingObject) => T | null,
  ): T[] {
    if (this.puts.size === 0 && this.removals.size === 0) return stored;
    const out: T[] = [];
    const had = new Set<string>();
    for (const row of stored) {
      had.add(row.id);
      if (this.removals.has(row.id)) continue;
      const pending = this.puts.get(row.id);
      const now = pending ? seen(pending) : row;
      if (now) out.push(now);
    }
    for (const [id, pending] of this.puts) {
      const now = had.has(id) ? null : seen(pending);
      if (now) out.push(now);
    }
    return out;
  }

  async countOpen(kind: "card" | "list" | "attachment"): Promise<number> {
    await this.flush();
    const { rows } = await query<{ n: string }>(
      this.reads,
      "SELECT count(*) AS n FROM objects WHERE board_id = $1 AND kind = $2 AND NOT closed",
      [this.boardId, kind],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void> {
    this.removals.delete(doc.id);
    this.puts.set(doc.id, { kind, doc });
    if (this.puts.size >= BATCH_OBJECTS) await this.flush();
  }

  async putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void> {
    for (const doc of docs) await this.put(kind, doc);
  }

  async remove(kind: BoardObjectKind, id: string): Promise<void> {
    this.puts.delete(id);
    this.removals.set(id, kind);
  }

  async memberships(): Promise<Membership[]> {
    const { rows } = await query<{ doc: Membership }>(
      this.reads,
      "SELECT doc FROM board_members WHERE board_id = $1",
      [this.boardId],
    );
    return rows.map((r) => r.doc);
  }

  async putMembership(m: Membership): Promise<void> {
    await this.beforeWrite();
    await query(
      this.reads,
      `INSERT INTO board_members (board_id, member_id, doc) VALUES ($1, $2, $3)
       ON CONFLICT (board_id, member_id) DO UPDATE SET doc = excluded.doc`,
      [this.boardId, m.idMember, JSON.stringify(m)],
    );
  }

  async removeMembership(memberId: string): Promise<void> {
    await this.beforeWrite();
    await query(this.reads, "DELETE FROM board_members WHERE board_id = $1 AND member_id = $2", [
      this.boardId,
      memberId,
    ]);
  }

  // The action half (actions.ts)
  record(draft: ActionDraft): Promise<BoardChange> {
    return this.log.record(draft);
  }
  recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    return this.log.recordAll(drafts);
  }
  /** Earlier attempts of the declared mutation ids, read under the lock as the transaction opened. */
  knowPriors(asked: readonly MutationRef[], rows: readonly MutationActionRow[]): void {
    this.log.knowPriors(asked, rows);
  }
  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    // Before the lock, nothing says whether an earlier attempt committed; the flush's unique
    // index on mutation ids does: a replay fails there and is answered from the earlier attempt
    // (commands/mutate.ts), as when two attempts race under the lock.
    if (this.expect) return null;
    return this.log.priorMutation(memberId, mutationId);
  }
  moveActions(fromMemberId: string, toMemberId: string): Promise<number> {
    return this.log.moveActions(fromMemberId, toMemberId);
  }
  comment(actionId: string): Promise<Action | null> {
    return this.log.comment(actionId);
  }
  putCommentText(actionId: string, text: string): Promise<void> {
    return this.log.putCommentText(actionId, text);
  }
  removeComment(actionId: string): Promise<void> {
    return this.log.removeComment(actionId);
  }
  reactionsOf(actionId: string): Promise<Reaction[]> {
    return this.log.reactionsOf(actionId);
  }
  putReaction(reaction: Reaction): Promise<void> {
    return this.log.putReaction(reaction);
  }
  removeReaction(reactionId: string): Promise<void> {
    return this.log.removeReaction(reactionId);
  }

  // The placeholder half (placeholders.ts)
  insertPlaceholders(members: readonly Member[]): Promise<void> {
    return this.placeholders.insertPlaceholders(members);
  }
  placeholder(memberId: string): Promise<Member | null> {
    return this.placeholders.placeholder(memberId);
  }
  putPlaceholder(member: Member): Promise<void> {
    return this.placeholders.putPlaceholder(member);
  }

  /**
   * Writes the buffered removals, objects and actions in one statement; with `finish`, also the
   * board row's seq and document (the transaction's last write before COMMIT).
   */
  async flush(finish = false): Promise<void> {
    await this.write(finish, "stay-open");
  }

  /**
   * Ends the transaction: the finishing flush and COMMIT leave in one socket write (decision
   * 0045), the board's deletion between them when a command removed the board (its placeholders,
   * imported people with no login, go with it). Throws, having committed nothing, if any fails.
   */
  async commit(): Promise<void> {
    await this.write(true, this.removed ? "delete-board-and-commit" : "commit");
  }

  /**
   * Commits a transaction that ran before its lock (decision 0049) in one statement, which takes
   * the webhooks gate and the board row's lock, flushes and commits (decision 0054). Answers the version
   * the board row had when locked (null: no such board); `applied` says whether the flush wrote
   * (the board was still as the transaction assumed). When it was not, and `answerIfStale` names
   * what the transaction declared it reads, the statement answers those rows and the board row as
   * it locked them (`freshIfStale`, decision 0059).
   */
  async commitLockingFirst(
    answerIfStale: Prefetch | null,
  ): Promise<{ locked: number | null; freshIfStale: FreshRows | null }> {
    const flushed = await this.write(true, "lock-flush-commit", answerIfStale);
    return { locked: flushed?.locked ?? null, freshIfStale: flushed?.freshIfStale ?? null };
  }

  private async write(
    finish: boolean,
    then: FlushThen,
    answerIfStale: Prefetch | null = null,
  ): Promise<FlushResult | null> {
    // Before the lock, only the finishing flush may write (with the lock taken in the same write).
    if (this.expect && !finish) throw new NeedsLock();
    // Statements that flush first are about to read or write rows a savepoint must cover.
    if (!finish) await this.beforeWrite();
    await this.movesFrom?.flush();
    const actions = this.log.takePending();
    const nothing = this.puts.size === 0 && this.removals.size === 0 && this.outbox.length === 0;
    if (!finish && nothing && actions.length === 0) return null;
    const puts = [...this.puts.values()];
    const removals = new Map(this.removals);
    const outbox = this.outbox.splice(0);
    this.puts.clear();
    this.removals.clear();
    // What was read ahead is about to be overwritten by what was buffered over it.
    this.ahead.clear();
    this.flushed = true;
    const putTexts = puts.map((p) => JSON.stringify(p.doc));
    const boardText = JSON.stringify(this.current);
    const flushed = await flushBoardTx(
      this.client,
      {
        boardId: this.boardId,
        removals: [...removals.keys()],
        puts,
        putTexts,
        actions,
        outbox,
        seq: this.log.seq,
        boardText,
        orgId: this.current.idOrganization,
        finish,
        expect: this.expect,
        readSet: this.readSetToSend(),
      },
      then,
      answerIfStale,
    );
    const { written, queued, version, applied, shift, locked } = flushed;
    this.applied = applied;
    if (applied && locked !== null) this.committedAt(locked, shift);
    this.outboxWritten += queued;
    for (const [id, kind] of removals) this.journal.push({ op: "remove", kind, id });
    puts.forEach((p, n) => {
      this.journal.push({ op: "put", kind: p.kind, id: p.doc.id, text: putTexts[n]! });
    });
    if (written !== puts.length) this.journalExact = false;
    if (finish) {
      this.endVersion = version;
      this.endBoardText = boardText;
    }
    return flushed;
  }

  /**
   * What this transaction read, for a flush that may commit it on a board past the copy's version
   * (decision 0055); null when it may not: under the lock, or when it changed the board's document
   * beyond its `dateLastActivity` (a document the copy had and the board no longer has would be
   * written over the newer one).
   */
  private readSetToSend(): (ReadSet & { seq: number }) | null {
    if (!this.readSet || !onlyActivityChanged(this.copyHead.board, this.current)) return null;
    return { ...this.readSet.toSend(), seq: this.copyHead.seq };
  }

  /**
   * The flush that took the lock itself committed this transaction with the row locked at `locked`:
   * past its copy when other transactions came between (decision 0055). Its writes then follow
   * that version, which the cache is told (a copy behind it keeps them until the writes between
   * arrive: decision 0053), and its seqs moved on by `shift` in the database (none when those
   * transactions recorded no action): the changes are renumbered here, before anyone publishes them.
   */
  private committedAt(locked: number, shift: number): void {
    this.startVersion = locked;
    if (shift !== 0) this.log.shift(shift);
  }

  /** Whether the flush committed on a copy the board had moved past (decision 0055). */
  get rebased(): boolean {
    return this.expect !== null && this.startVersion !== this.expect.version;
  }

  /**
   * After COMMIT: exactly what this transaction did to the board's rows (board-objects-cache.ts
   * `BoardWrites`), handed to the process's cache, which carries its copy forward (if it holds the
   * version this transaction started from) and tells the other processes (decision 0050). Nothing
   * when that is not known exactly: a created or deleted board, or a flush that wrote fewer rows
   * than it sent (another board's ids).
   */
  carryInto(cache: BoardObjectsCache): void {
    if (this.removed || !this.journalExact || this.startVersion === null || this.endVersion === null) return;
    cache.committed({
      board: this.boardId,
      from: this.startVersion,
      to: this.endVersion,
      writes: this.journal,
      boardText: this.endBoardText,
      seq: this.seq,
    });
  }
}

function readEach<K extends BoardObjectKind>(kind: K, stored: readonly StoredObject[]): BoardObjectOf[K][] {
  return stored.map((s) => s.read(kind));
}

/** `overlay`'s `seen` for documents of `kind` that `belongs` keeps. */
function docsOf<K extends BoardObjectKind>(kind: K, belongs: (doc: BoardObjectOf[K]) => boolean) {
  return (pending: PendingObject) =>
    pending.kind === kind && belongs(pending.doc as BoardObjectOf[K])
      ? (pending.doc as BoardObjectOf[K])
      : null;
}

/**
 * What a transaction run on a copy read of the stored objects (decision 0055), as PostgresBoardTx
 * answers from what it read ahead: each id once (found or missing), each listing once.
 */
class ReadSetTracker {
  private readonly ids = new Map<string, boolean>();
  /** Documents read by kind and parent (or kind alone). */
  private readonly listings = new Map<string, Listing>();
  /** Positions read by kind and parent, with how many of those reads no placement narrowed yet. */
  private readonly positionReads = new Map<string, { listing: Listing; unnarrowed: number }>();
  /** The spans fitting placements depended on, each kept (two placements in one list: both). */
  private readonly spans = new Map<string, Listing>();

  object(id: string, found: boolean): void {
    this.ids.set(id, found);
  }

  listing(kind: BoardObjectKind, parent: string | null, rows: number): void {
    this.listings.set(`${kind}\u0000${parent ?? ""}`, { kind, parent, rows });
  }

  /** The positions of a parent's children read: all `rows` of them count until a placement narrows this read. */
  positions(kind: BoardObjectKind, parent: string, rows: number): void {
    const key = `${kind}\u0000${parent}`;
    const unnarrowed = (this.positionReads.get(key)?.unnarrowed ?? 0) + 1;
    this.positionReads.set(key, { listing: { kind, parent, rows }, unnarrowed });
  }

  /** A placement fitted among positions read before: of that read, only the `rows` within `span` count. */
  narrowed(kind: BoardObjectKind, parent: string, rows: number, span: NonNullable<Listing["span"]>): void {
    const key = `${kind}\u0000${parent}`;
    const read = this.positionReads.get(key);
    if (read) read.unnarrowed -= 1;
    this.spans.set(`${key}\u0000${span.low}\u0000${span.high}\u0000${span.except}`, {
      kind,
      parent,
      rows,
      span,
    });
  }

  toSend(): ReadSet {
    const found: string[] = [];
    const missing: string[] = [];
    for (const [id, isFound] of this.ids) (isFound ? found : missing).push(id);
    const whole = [...this.positionReads.values()].filter((r) => r.unnarrowed > 0).map((r) => r.listing);
    return { found, missing, listings: [...this.listings.values(), ...whole, ...this.spans.values()] };
  }
}

/**
 * Whether `after` is `before` but for its `dateLastActivity`: compared field by field, by identity
 * (a command that changes the board builds a new value for what it changes), so a deep change
 * reads as a change, never the other way round.
 */
function onlyActivityChanged(before: Board, after: Board): boolean {
  if (before === after) return true;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === "dateLastActivity") continue;
    if (
      (before as unknown as Record<string, unknown>)[key] !==
      (after as unknown as Record<string, unknown>)[key]
    )
      return false;
  }
  return true;
}
