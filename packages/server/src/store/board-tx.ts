// A board's objects, locked for writing: what a command sees and changes inside `transact`
// (board-store.ts). One interface for commands, made of the board's own part and the action and
// placeholder parts that must be written in the same order as the board's changes.
import type { Board, BoardObjectKind, BoardObjectOf, Membership } from "@tack/shared/models";
import type { PlacementSpan, Positioned } from "@tack/shared/positions";
import type { ActionLogTx } from "./action-log.ts";
import type { OutboxDraft } from "./notify-store.ts";
import type { PlaceholderTx } from "./placeholder-store.ts";

/** The board document, its objects and its memberships, inside the transaction. */
export interface BoardObjectsTx {
  readonly boardId: string;
  /** The board document as locked at the start of the transaction (reflects `putBoard`). */
  board(): Board;
  putBoard(board: Board): Promise<void>;
  /** An object of this board, or null (also for another board's id). */
  get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null>;
  /** Objects of this board by parent (cards of a list, checklists of a card, …). */
  children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]>;
  /**
   * The ids and positions of a parent's children of one kind, in no order: what placing among
   * them needs, without reading their documents (a move in a 1,000-card list; issue 16). A
   * document without a position counts as 0, as its reader (shared/models.ts) fills it.
   */
  positions(kind: PositionedKind, parentId: string): Promise<Positioned[]>;
  /**
   * What the command made of `positions(kind, parentId)` depended only on the children within
   * `span` (`except` aside: the item being placed): a placement that fitted between its neighbours
   * (shared/positions.ts `placementSpan`). A transaction that checks what it read at its commit
   * (PostgreSQL, before the lock: decision 0056) checks those only; elsewhere nothing to do.
   */
  placedWithin(kind: PositionedKind, parentId: string, span: PlacementSpan, except: string): void;
  /** All objects of one kind on this board. */
  all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]>;
  /**
   * Reads ahead, in as few round trips as the adapter can, what the command will ask `get`,
   * `children` and `all` for next; those calls are then answered from it (with this
   * transaction's own writes laid over, as always). A hint only: a command reads the same with or
   * without it.
   */
  prefetch(want: Prefetch): Promise<void>;
  /** How many objects of one kind are open (not archived) on this board, for Trello's limits. */
  countOpen(kind: "card" | "list" | "attachment"): Promise<number>;
  put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void>;
  /**
   * `put` for many new or changed objects of one kind (distinct ids) in as few round trips as the
   * adapter can: a Trello import writes hundreds at once.
   */
  putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void>;
  remove(kind: BoardObjectKind, id: string): Promise<void>;
  memberships(): Promise<Membership[]>;
  putMembership(membership: Membership): Promise<void>;
  removeMembership(memberId: string): Promise<void>;
  /**
   * Deletes the board and everything on it as the transaction commits, after its last action is
   * recorded (that change still reaches live viewers and the recent-change list; the durable log
   * goes with the board). Nothing may be written after this call.
   */
  removeBoard(): Promise<void>;
  /**
   * Adds an outbox entry, committed with the change or not at all; delivered after commit in board
   * order (outbox/outbox-worker.ts). Not written at all when its condition does not hold as the
   * transaction sees it: an `onlyWithWebhooks` entry on an install without webhooks (decision
   * 0036), an `onlyIfWatched` entry that no one else watches (decision 0051).
   */
  enqueue(draft: OutboxDraft): Promise<void>;
  /**
   * Whether this transaction has written outbox entries; read after its commit, whether the commit
   * wrote any, so whether the outbox worker needs waking. On PostgreSQL it is known only once the
   * flush answered (the watchers are checked there), and a group's commands share one answer.
   */
  readonly queuedOutbox: boolean;
}

/** What `prefetch` reads ahead: objects of this board, their parents, children of some, kinds whole. */
export interface Prefetch {
  /** Objects by id. */
  readonly ids?: readonly string[];
  /** The parents of these objects (a card's list). */
  readonly parentsOf?: readonly string[];
  /** Every child of one kind of a parent (a list's cards, a card's checklists). */
  readonly children?: ReadonlyArray<{ readonly kind: BoardObjectKind; readonly of: string }>;
  /** Every child of one kind of the parent of `of` (a card's list's cards, itself included). */
  readonly siblings?: ReadonlyArray<{ readonly kind: BoardObjectKind; readonly of: string }>;
  /** Every object of these kinds (the board's labels). */
  readonly all?: readonly BoardObjectKind[];
  /** The ids and positions (`positions`) of every child of one kind of a parent (a list's cards). */
  readonly positions?: ReadonlyArray<{ readonly kind: PositionedKind; readonly of: string }>;
  /** The ids and positions of every child of one kind of the parent of `of` (a card's list's cards). */
  readonly siblingPositions?: ReadonlyArray<{ readonly kind: PositionedKind; readonly of: string }>;
  /**
   * Client mutation ids whose earlier attempts the transaction will look for (`priorMutation`): on
   * PostgreSQL, under the lock, looked up in the same write as BEGIN instead of a statement each.
   */
  readonly mutations?: ReadonlyArray<MutationRef>;
}

/** A client mutation id, with the member who sent it (ids are per member). */
export interface MutationRef {
  readonly memberId: string;
  readonly mutationId: string;
}

/** The kinds of object that hang under a parent and have a position among its children. */
export type PositionedKind = "card" | "checklist" | "attachment";

/** What several commands read ahead, as one read (the commands of one group: postgres/board-group.ts). */
export function mergePrefetch(wants: readonly (Prefetch | undefined)[]): Prefetch {
  const present = wants.filter((w): w is Prefetch => w !== undefined);
  return {
    ids: present.flatMap((w) => w.ids ?? []),
    parentsOf: present.flatMap((w) => w.parentsOf ?? []),
    children: present.flatMap((w) => w.children ?? []),
    siblings: present.flatMap((w) => w.siblings ?? []),
    all: [...new Set(present.flatMap((w) => w.all ?? []))],
    positions: present.flatMap((w) => w.positions ?? []),
    siblingPositions: present.flatMap((w) => w.siblingPositions ?? []),
    mutations: present.flatMap((w) => w.mutations ?? []),
  };
}

export interface BoardTx extends BoardObjectsTx, ActionLogTx, PlaceholderTx {}
