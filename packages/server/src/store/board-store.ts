// Boards and their objects: access checks and reads without a lock, and writes through `transact`,
// which serializes writers per board (the board row is locked), so every board has one total order
// of actions with no gaps, assigned in the same transaction as the change. Reads never see
// uncommitted data. Every board-scoped object (list, card, label, checklist, attachment, custom
// field) is one JSON document with a few indexed columns beside it
// (docs/decisions/0003-document-per-object.md).

import type { BoardSnapshot } from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import type {
  Attachment,
  Board,
  BoardObjectKind,
  BoardObjectOf,
  Card,
  Checklist,
  Label,
  Membership,
} from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import type { BoardCacheStats } from "./board-objects-cache.ts";
import type { BoardTx, Prefetch } from "./board-tx.ts";

export interface CardView {
  card: Card;
  labels: Label[];
  checklists: Checklist[];
  attachments: Attachment[];
}

export interface BoardAndSeq {
  board: Board;
  seq: number;
}

export interface TransactOptions {
  /** Create the board in this transaction (it must not exist yet). */
  create?: Board;
  /**
   * What `fn` will read, read ahead (BoardTx `prefetch`) before it runs: on PostgreSQL in one round
   * trip together with the reads of the transactions grouped with it (postgres/board-group.ts).
   */
  reads?: Prefetch;
}

/** Reads of boards and their objects; no lock, committed data only. */
export interface BoardReader {
  /** Resolves a board id or short link and the person's access, or null when no such board. */
  boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null>;
  /** An object (by id, or a card by short link) with its board's access for the person, in one read. */
  objectAccess<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ object: BoardObjectOf[K]; boardId: string; access: BoardAccess } | null>;
  /**
   * The board this process's copy of it (board-objects-cache.ts) has an object of `kind` with this
   * id on, or null: no I/O, and no access decided. The object may have moved since.
   */
  cachedBoardOf(kind: BoardObjectKind, id: string): string | null;
  boardById(boardId: string): Promise<BoardAndSeq | null>;
  /** Boards a member belongs to, with the membership (role, starred). */
  boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>>;
  /** Everything on a board but its actions, read in one consistent snapshot. */
  loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null>;
  /** Any board-scoped object by id (or a card by short link), to find its board. */
  objectById<K extends BoardObjectKind>(kind: K, idOrShortLink: string): Promise<BoardObjectOf[K] | null>;
  /** A card with what presenting it needs (its board's labels, its checklists and attachments), in one read. */
  cardView(idOrShortLink: string): Promise<CardView | null>;
  objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]>;
  childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]>;
  /** Hits, misses and size of this process's parsed board objects (board-objects-cache.ts). */
  boardCacheStats(): BoardCacheStats;
}

/** Writes of a board: one transaction at a time per board. */
export interface BoardWriter {
  /** Runs `fn` with the board locked; returns its result and the changes it recorded, in order. */
  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options?: TransactOptions,
  ): Promise<{ result: T; changes: BoardChange[] }>;
  /**
   * Runs `fn` with two boards locked in one database transaction (a card or list moving between
   * them). The boards are always locked in id order, whatever the order asked for, so two such
   * transactions never wait on each other in a cycle; the transactions are handed to `fn` in the
   * order asked for. Objects move from the first board to the second (the adapters write the
   * first board's removals before the second's puts). Changes come back per board, each in its
   * board's order.
   */
  transactPair<T>(
    boardIds: readonly [string, string],
    fn: (txs: readonly [BoardTx, BoardTx]) => Promise<T>,
  ): Promise<{ result: T; changes: BoardChange[] }>;
  /** Deletes a board and everything on it (its placeholders too). */
  deleteBoard(boardId: string): Promise<void>;
}

/** Two board ids in the one order every two-board transaction locks them in. */
export function lockOrder(boardIds: readonly [string, string]): [string, string] {
  const [a, b] = boardIds;
  return a < b ? [a, b] : [b, a];
}

export interface BoardStore extends BoardReader, BoardWriter {}
