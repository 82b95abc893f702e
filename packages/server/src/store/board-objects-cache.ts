// A process's parsed copy of the boards it read last: their lists, cards, labels, checklists,
// attachments and custom fields, each tagged with the board row's write version (decision
// 0039-board-objects-cache). A board read asks the database for the board's head (document, seq,
// version, memberships) and only fetches and parses the objects again when the version moved, so
// a busy board read by many people costs the database one small row read per read, not its
// thousand rows. A read always reads the head fresh: members and memberships change outside board
// transactions, and the version is what proves the cached objects current. The board row itself
// (document and seq) is kept too, as of the cached version, for a transaction that runs on the
// copy before it takes the lock and has its flush check that version (decision 0049). A copy found
// behind the database waits, briefly, for the writes it missed to arrive from the other processes,
// and takes them in order (decision 0053).
import type { BoardSnapshot } from "@tack/shared/board-state";
import { type Board, type BoardObjectKind, parentOf } from "@tack/shared/models";
import { readBoard, readObject } from "./rows.ts";

/** The parts of a board snapshot that only board transactions write. */
export type BoardObjects = Required<
  Pick<BoardSnapshot, "lists" | "cards" | "labels" | "checklists" | "attachments" | "customFields">
>;

/** Groups a board's object rows, parsed, as a store reads them. */
export class BoardObjectsCollector {
  readonly objects: BoardObjects = {
    lists: [],
    cards: [],
    labels: [],
    checklists: [],
    attachments: [],
    customFields: [],
  };
  private readonly groups = {
    list: this.objects.lists,
    card: this.objects.cards,
    label: this.objects.labels,
    checklist: this.objects.checklists,
    attachment: this.objects.attachments,
    customField: this.objects.customFields,
  } as const;

  add(kind: BoardObjectKind, doc: unknown): void {
    (this.groups[kind] as unknown[]).push(readObject(kind, doc));
  }
}

const OBJECT_GROUPS = ["lists", "cards", "labels", "checklists", "attachments", "customFields"] as const;
type ObjectGroup = (typeof OBJECT_GROUPS)[number];

/** A cached object, as shared by every reader: never to be changed. */
type Shared = { readonly id: string; readonly pos?: number };

/** One cached object and where it hangs (`parentOf`). */
export interface CachedRow {
  readonly kind: BoardObjectKind;
  readonly doc: Shared;
  readonly parentId: string | null;
}

/**
 * A cached board read through its indexes, as a board transaction's read-ahead does under the
 * board's lock (postgres/board-read-ahead.ts): each answer costs what it returns, not the board's
 * size, so a move on a 10,000-card board costs what one on a 100-card board does.
 */
export interface CachedBoardView {
  /** The object with this id, of any kind, or undefined (not on this board). */
  object(id: string): CachedRow | undefined;
  /** The objects of one kind under a parent (a list's cards, a card's checklists). */
  children(kind: BoardObjectKind, parentId: string): readonly CachedRow[];
  /** Every object of one kind. */
  all(kind: BoardObjectKind): readonly CachedRow[];
}

const childKey = (kind: BoardObjectKind, parentId: string) => `${kind}\u0000${parentId}`;

/**
 * A board's cached objects: by group and id (Map order is the table's, new objects last), by
 * parent, and as arrays made when a reader first asks after a change. `advance` costs what the
 * transaction wrote.
 */
class CachedBoard implements CachedBoardView {
  readonly boardId: string;
  version: number;
  /** The board row (document and seq) at `version`, when the one who cached it knew it. */
  head: BoardHead | null;
  count = 0;
  /**
   * The newest version the database is known to have reached; past `version` the copy is behind
   * and serves no transaction until the writes in between arrive (decision 0053).
   */
  known: number;
  /** When the copy was found behind (performance.now()), or null while it is current. */
  behindSince: number | null = null;
  /** Writes heard ahead of the copy's turn, by the version they start from. */
  readonly waiting = new Map<number, BoardWrites>();
  private readonly groups = new Map<ObjectGroup, Map<string, Shared>>(
    OBJECT_GROUPS.map((g) => [g, new Map()]),
  );
  private readonly byParent = new Map<string, Map<string, CachedRow>>();
  private readonly arrays = new Map<ObjectGroup, Shared[]>();
  /** Every cached board's objects by id, to their board: shared by the cache's boards. */
  private readonly boardOfId: Map<string, string>;

  constructor(
    boardId: string,
    version: number,
    objects: BoardObjects,
    head: BoardHead | null,
    boardOfId: Map<string, string>,
  ) {
    this.boardId = boardId;
    this.boardOfId = boardOfId;
    this.version = version;
    this.known = version;
    this.head = head;
    for (const [kind, group] of KINDS)
      for (const doc of objects[group] as readonly Shared[]) this.set(kind, doc);
  }

  /** The groups in fresh arrays a caller may sort or extend (the objects stay shared). */
  objects(): BoardObjects {
    const out = {} as Record<ObjectGroup, Shared[]>;
    for (const group of OBJECT_GROUPS) {
      let array = this.arrays.get(group);
      if (!array) {
        array = [...this.groups.get(group)!.values()];
        this.arrays.set(group, array);
      }
      out[group] = [...array];
    }
    return out as unknown as BoardObjects;
  }

  /** Whether an object of `kind` with this id is on the board. */
  has(kind: BoardObjectKind, id: string): boolean {
    return this.groups.get(GROUP_OF[kind])!.has(id);
  }

  object(id: string): CachedRow | undefined {
    for (const [kind, group] of KINDS) {
      const doc = this.groups.get(group)!.get(id);
      if (doc) return { kind, doc, parentId: parentOf(kind, doc as never) };
    }
    return undefined;
  }

  children(kind: BoardObjectKind, parentId: string): readonly CachedRow[] {
    return [...(this.byParent.get(childKey(kind, parentId))?.values() ?? [])];
  }

  all(kind: BoardObjectKind): readonly CachedRow[] {
    return [...this.groups.get(GROUP_OF[kind])!.values()].map((doc) => ({
      kind,
      doc,
      parentId: parentOf(kind, doc as never),
    }));
  }

  set(kind: BoardObjectKind, doc: Shared): void {
    const group = GROUP_OF[kind];
    const byId = this.groups.get(group)!;
    const old = byId.get(doc.id);
    if (old) this.unindex(kind, old);
    else this.count += 1;
    byId.set(doc.id, doc); // an existing id keeps its place
    this.boardOfId.set(doc.id, this.boardId);
    const parentId = parentOf(kind, doc as never);
    if (parentId !== null) {
      const key = childKey(kind, parentId);
      let siblings = this.byParent.get(key);
      if (!siblings) {
        siblings = new Map();
        this.byParent.set(key, siblings);
      }
      siblings.set(doc.id, { kind, doc, parentId });
    }
    this.arrays.delete(group);
  }

  remove(kind: BoardObjectKind, id: string): void {
    const group = GROUP_OF[kind];
    const byId = this.groups.get(group)!;
    const old = byId.get(id);
    if (!old) return;
    this.unindex(kind, old);
    byId.delete(id);
    this.unlist(id);
    this.count -= 1;
    this.arrays.delete(group);
  }

  /** Takes the board's objects out of the cache-wide index: the copy is dropped. */
  unlistAll(): void {
    for (const byId of this.groups.values()) for (const id of byId.keys()) this.unlist(id);
  }

  /** A card moved between boards may be listed under the other board's copy by now: not ours to take. */
  private unlist(id: string): void {
    if (this.boardOfId.get(id) === this.boardId) this.boardOfId.delete(id);
  }

  private unindex(kind: BoardObjectKind, doc: Shared): void {
    const parentId = parentOf(kind, doc as never);
    if (parentId === null) return;
    const key = childKey(kind, parentId);
    const siblings = this.byParent.get(key);
    siblings?.delete(doc.id);
    if (siblings?.size === 0) this.byParent.delete(key);
  }
}

/**
 * How long a copy found behind waits for the writes it missed (they come over the bus within
 * milliseconds) before it is taken for lost and dropped: a write that is never told (a created or
 * deleted board, an import's) leaves a gap no later write fills.
 */
export const DEFAULT_CATCH_UP_MS = 2_000;
/** Writes a copy behind keeps for later, at most: past this it is dropped. */
const MAX_WAITING = 64;

/** How many objects (summed over boards) a process keeps by default: about 92 MB of heap for
 * 100,000 cards of ordinary size (816 bytes each parsed, 116 more for the indexes; measured), more
 * with long descriptions. */
export const DEFAULT_CACHED_OBJECTS = 100_000;

/** A board row's document and seq: what a transaction locks along with the version. */
export interface BoardHead {
  readonly board: Board;
  readonly seq: number;
}

/** One write of a committed board transaction, as the database stored it (the document's JSON). */
export type ObjectWrite =
  | { readonly op: "put"; readonly kind: BoardObjectKind; readonly id: string; readonly text: string }
  | { readonly op: "remove"; readonly kind: BoardObjectKind; readonly id: string };

const GROUP_OF: Record<BoardObjectKind, ObjectGroup> = {
  list: "lists",
  card: "cards",
  label: "labels",
  checklist: "checklists",
  attachment: "attachments",
  customField: "customFields",
};
const KINDS = Object.entries(GROUP_OF) as ReadonlyArray<readonly [BoardObjectKind, ObjectGroup]>;

/**
 * A committed board transaction's exact effect on the board's rows: it moved the row from version
 * `from` to `to`, wrote exactly `writes`, and left the row's document (its JSON) and seq as given.
 * Enough to carry a copy held at `from` to `to`, here or on another process (decision 0050).
 */
export interface BoardWrites {
  readonly board: string;
  readonly from: number;
  readonly to: number;
  readonly writes: readonly ObjectWrite[];
  readonly boardText: string;
  readonly seq: number;
}

/** How a board transaction run without the lock ended (`wroteOnCopy`): on the copy, or on a fresh read. */
export type CopyWriteOutcome = "committed" | "behind" | "stale" | "read" | "read_stale";

/** Who hears of this process's commits (the real-time layer, which tells the other processes). */
export type CommittedListener = (writes: BoardWrites) => void;

/** What the cache did since the process started (ops/metrics.ts reports it). */
export interface BoardCacheStats {
  /** Board reads answered from the cache, and reads that read and parsed the objects. */
  hits: number;
  misses: number;
  /** Objects held now, summed over boards. */
  objects: number;
  /**
   * Objects in the index of which board has them (`boardHolding`): `objects`, less cards held by
   * two copies while one has not heard yet that they moved.
   */
  indexed: number;
  /**
   * Board transactions run without the lock (decisions 0049, 0057), alone or in a group: on a copy,
   * committed from it at its version, committed from it though the board had moved past it
   * (nothing they read was written since: decision 0055), or found stale by their flush; on a
   * fresh read (no copy, or a stale one), committed, or found stale again (then run under the lock).
   */
  copyWrites: Record<CopyWriteOutcome, number>;
}

export interface BoardObjectsCacheOptions {
  /** Objects kept, summed over boards (default DEFAULT_CACHED_OBJECTS). */
  capacity?: number;
  /**
   * Freeze every cached object all the way down, so a caller that changed a shared object in
   * place would throw instead of silently changing what every later reader of the board sees.
   * On in the tests (TACK_CHECK_SHARED_OBJECTS): it costs about 3 ms per 1,000 cards read, more
   * than half of what a cached read saves, so production relies on the tests having found none.
   */
  checkShared?: boolean;
  /** How long a copy found behind waits for the writes it missed (default DEFAULT_CATCH_UP_MS). */
  catchUpMs?: number;
}

export class BoardObjectsCache {
  /** Map order is recency: a hit moves its board to the end, eviction takes from the front. */
  private readonly entries = new Map<string, CachedBoard>();
  /** The board each cached object is on, as its copy last had it (`boardHolding`). */
  private readonly boardOfId = new Map<string, string>();
  private total = 0;
  private hits = 0;
  private misses = 0;
  private readonly copyWrites: Record<CopyWriteOutcome, number> = {
    committed: 0,
    behind: 0,
    stale: 0,
    read: 0,
    read_stale: 0,
  };
  private readonly capacity: number;
  private readonly checkShared: boolean;
  private readonly catchUpMs: number;
  private readonly listeners = new Set<CommittedListener>();
  /** Who said the other processes' writes will be heard here (`hearOthers`). */
  private hearing = 0;

  constructor(options: BoardObjectsCacheOptions = {}) {
    this.capacity = options.capacity ?? DEFAULT_CACHED_OBJECTS;
    this.checkShared = options.checkShared ?? false;
    this.catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  }

  /** The version the cached objects of a board were read at, or null (none cached). */
  versionOf(boardId: string): number | null {
    return this.entries.get(boardId)?.version ?? null;
  }

  /**
   * The cached objects when they are at `version`, in fresh arrays a caller may sort or extend;
   * the objects themselves are shared by every reader, never to be changed. Null (and the entry
   * dropped) when the board was written since.
   */
  take(boardId: string, version: number): BoardObjects | null {
    const entry = this.entries.get(boardId);
    if (!entry) return null;
    if (entry.version !== version) {
      this.drop(boardId);
      return null;
    }
    this.entries.delete(boardId);
    this.entries.set(boardId, entry);
    this.hits += 1;
    return entry.objects();
  }

  /**
   * The cached board when it is at `version`, read through its indexes: for a caller that only
   * looks, at once, such as a board transaction's read-ahead under the board's lock
   * (postgres/board-read-ahead.ts). Neither a hit nor a change of recency. Null when the board was
   * written since: the copy then waits for those writes (decision 0053).
   */
  peek(boardId: string, version: number): CachedBoardView | null {
    const entry = this.kept(boardId);
    if (!entry) return null;
    if (entry.version === version) return entry;
    // Another process wrote the board since; its writes are on their way (decision 0053).
    this.movedOn(boardId, version);
    return null;
  }

  /**
   * Whether a board is cached at the newest version known, so that a transaction about to lock it
   * may expect its read-ahead from here (`peek`) rather than send the statement along with BEGIN
   * (decision 0045). False while the copy waits for writes it missed.
   */
  holds(boardId: string): boolean {
    const entry = this.kept(boardId);
    return entry !== undefined && entry.behindSince === null;
  }

  /**
   * The board a copy held here has an object of `kind` with this id on, or null: no I/O, for a
   * write authorized from cached access (auth/access.ts). The copy may be behind, so the object
   * may have moved since; the write's own transaction finds out (decision 0060).
   */
  boardHolding(kind: BoardObjectKind, id: string): string | null {
    const boardId = this.boardOfId.get(id);
    if (boardId === undefined) return null;
    return this.entries.get(boardId)?.has(kind, id) ? boardId : null;
  }

  /** Whether a board is cached at all, current or waiting for the writes it missed. */
  keeps(boardId: string): boolean {
    return this.kept(boardId) !== undefined;
  }

  /**
   * The board row at the version the objects are cached at, when known and the newest known: with
   * `peek`, all a transaction needs to run before it locks the board (postgres/board-transaction.ts,
   * decision 0049). Not while the copy is known to be behind: a transaction on it could still
   * commit when nothing it read was written since (decision 0055), but measured, trying it lowered
   * the closed loop's moves/s (the gap is widest when the machine is busiest). Shared, never to be
   * changed.
   */
  headOf(boardId: string): (BoardHead & { readonly version: number }) | null {
    const entry = this.kept(boardId);
    if (!entry?.head || entry.behindSince !== null) return null;
    return { ...entry.head, version: entry.version };
  }

  /**
   * The database holds the board at `version` (a transaction locked it there, or found it there):
   * a copy behind it waits for the writes in between, serving no transaction meanwhile.
   */
  movedOn(boardId: string, version: number): void {
    const entry = this.entries.get(boardId);
    // A copy at or past it (carried by writes heard since) has nothing to learn.
    if (entry && version > entry.version) this.behind(boardId, entry, version);
  }

  /** The board's entry, dropped first when it waited too long for the writes it missed. */
  private kept(boardId: string): CachedBoard | undefined {
    const entry = this.entries.get(boardId);
    if (entry?.behindSince != null && performance.now() - entry.behindSince > this.catchUpMs) {
      this.drop(boardId);
      return undefined;
    }
    return entry;
  }

  /** The copy is behind `version`: it waits for the writes in between, if any will be heard. */
  private behind(boardId: string, entry: CachedBoard, version: number): void {
    if (this.hearing === 0) {
      this.drop(boardId); // nothing will carry it: read whole when next needed
      return;
    }
    if (version > entry.known) entry.known = version;
    entry.behindSince ??= performance.now();
  }

  /** Keeps freshly read objects, shared from now on; returns them in arrays of the caller's own. */
  put(boardId: string, version: number, objects: BoardObjects, head: BoardHead | null = null): BoardObjects {
    this.drop(boardId);
    this.misses += 1;
    let count = 0;
    for (const group of OBJECT_GROUPS) {
      if (this.checkShared) for (const object of objects[group]) deepFreeze(object);
      count += objects[group].length;
    }
    // A board bigger than the whole budget is not kept: it would only evict everything else.
    if (count > this.capacity) return objects;
    if (this.checkShared && head) deepFreeze(head.board);
    const entry = new CachedBoard(boardId, version, objects, head, this.boardOfId);
    this.entries.set(boardId, entry);
    this.total += entry.count;
    this.evictPastCapacity();
    return copyGroups(objects);
  }

  /** Least recently read boards go first. */
  private evictPastCapacity(): void {
    for (const [id, entry] of this.entries) {
      if (this.total <= this.capacity) break;
      this.entries.delete(id);
      entry.unlistAll();
      this.total -= entry.count;
    }
  }

  /**
   * Carries a board's cached objects across a transaction this process committed, which moved the
   * board from version `from` to `to` with exactly `writes`, and left the board row as `head` (null
   * when the committer does not say): the next read is a hit instead of a full read. Nothing happens
   * unless the cache holds the board at `from` (another write came between, or the board was never
   * read: the next read finds the version moved, as always).
   */
  advance(
    boardId: string,
    from: number,
    to: number,
    writes: readonly ObjectWrite[],
    head: BoardHead | null = null,
  ): void {
    const entry = this.entries.get(boardId);
    if (!entry || entry.version !== from) return;
    this.apply(entry, to, writes, head);
  }

  private apply(
    entry: CachedBoard,
    to: number,
    writes: readonly ObjectWrite[],
    head: BoardHead | null,
  ): void {
    if (this.checkShared && head) deepFreeze(head.board);
    entry.head = head;
    const before = entry.count;
    for (const write of writes) {
      if (write.op === "remove") {
        entry.remove(write.kind, write.id);
        continue;
      }
      const object = readObject(write.kind, write.text) as Shared;
      if (this.checkShared) deepFreeze(object);
      entry.set(write.kind, object);
    }
    this.total += entry.count - before;
    entry.version = to;
    if (to >= entry.known) {
      entry.known = to;
      entry.behindSince = null;
    }
    this.evictPastCapacity();
  }

  /**
   * This process committed `writes`: the copy is carried forward (if held at `writes.from`), and
   * the listeners hear of it, to carry the other processes' copies too.
   */
  committed(writes: BoardWrites): void {
    this.carry(writes);
    for (const listener of this.listeners) {
      try {
        listener(writes);
      } catch {
        // Called after COMMIT: a listener's failure must not answer a committed write with an
        // error. The others' copies are then only stale, which their version checks catch.
      }
    }
  }

  /** Another process committed `writes` (decision 0050): carried forward like a commit of ours. */
  heard(writes: BoardWrites): void {
    this.carry(writes);
  }

  /**
   * The other processes' writes will be heard here from now on (the bus delivers them), so a copy
   * found behind waits for them (decision 0053); without, it is dropped at once. Answers the way
   * to stop.
   */
  hearOthers(): () => void {
    this.hearing += 1;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.hearing -= 1;
    };
  }

  /** Hears of every commit of this process (`committed`); answers the way to stop. */
  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Whether writes from `from` on would be taken: by a copy at that version, or behind it (they
   * wait their turn). Read before a message is parsed: most processes hold most boards not at all.
   */
  wants(boardId: string, from: number): boolean {
    const entry = this.entries.get(boardId);
    return entry !== undefined && entry.version <= from;
  }

  /**
   * Carries the copy by `writes` when it is at their `from`, then by what waited for the version
   * they end at; writes ahead of the copy wait their turn (the copy is behind); writes it is past
   * are old news. So a copy only ever moves by exact steps, in order, and is never wrong.
   */
  private carry(writes: BoardWrites): void {
    const entry = this.kept(writes.board);
    if (!entry || writes.from < entry.version) return;
    if (writes.from > entry.version) {
      if (entry.waiting.size >= MAX_WAITING) this.drop(writes.board);
      else {
        entry.waiting.set(writes.from, writes);
        this.behind(writes.board, entry, writes.to);
      }
      return;
    }
    for (let next: BoardWrites | undefined = writes; next; next = entry.waiting.get(entry.version)) {
      entry.waiting.delete(next.from);
      // The board as a read of its row gives it (the reader's defaults, no object shared with callers).
      this.apply(entry, next.to, next.writes, { board: readBoard(next.boardText), seq: next.seq });
    }
  }

  drop(boardId: string): void {
    const entry = this.entries.get(boardId);
    if (!entry) return;
    this.entries.delete(boardId);
    entry.unlistAll();
    this.total -= entry.count;
  }

  /** Transactions run on a copy before the lock were committed from it (at its version, or
   * behind the board), or found it stale (the board had moved on; not counted: a board gone, or
   * webhooks made or removed meanwhile). */
  wroteOnCopy(outcome: CopyWriteOutcome, transactions = 1): void {
    this.copyWrites[outcome] += transactions;
  }

  stats(): BoardCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      objects: this.total,
      indexed: this.boardOfId.size,
      copyWrites: { ...this.copyWrites },
    };
  }
}

function copyGroups(objects: BoardObjects): BoardObjects {
  return {
    lists: [...objects.lists],
    cards: [...objects.cards],
    labels: [...objects.labels],
    checklists: [...objects.checklists],
    attachments: [...objects.attachments],
    customFields: [...objects.customFields],
  };
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
