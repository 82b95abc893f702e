// What a PostgreSQL board transaction read ahead (BoardTx `prefetch`): stored rows of the board,
// fetched in one round trip, that later `get`, `children` and `all` calls answer from instead of a
// round trip each. A card move used to read its card, both lists and the new list's cards one by
// one under the board's lock (issue 16). Rows are kept as the database stored them: the
// transaction lays its own buffered writes over them, and forgets them whenever its writes reach
// the table (a flush) or are undone (a failed command of a group), so they are never stale. The
// board row's lock keeps other writers out in between.
//
// When the process's board cache holds the board at the very version the transaction locked, the
// rows are taken from it instead (`loadCached`): the same answer without a statement, and one
// round trip less while the board is locked (issue 16).
import type { BoardObjectKind, BoardObjectOf } from "@tack/shared/models";
import type { Positioned } from "@tack/shared/positions";
import type { PoolClient } from "pg";
import type { CachedBoardView, CachedRow } from "../board-objects-cache.ts";
import type { PositionedKind, Prefetch } from "../board-tx.ts";
import { readObject } from "../rows.ts";
import { query } from "./query.ts";

/**
 * An object a transaction read ahead, as `get`, `children` and `all` answer it: `read` gives the
 * object with its kind's reader applied. What it gives may be shared with every other reader of
 * the process's board cache: commands build new objects and never change one they read (the tests
 * freeze the cache's objects, TACK_CHECK_SHARED_OBJECTS, so a command that did would throw).
 */
export interface StoredObject {
  readonly kind: BoardObjectKind;
  read<K extends BoardObjectKind>(kind: K): BoardObjectOf[K];
}

/** A row the read-ahead statement answered: its document parsed on each read (a private copy). */
const storedRow = (kind: BoardObjectKind, text: string): StoredObject => ({
  kind,
  read: (as) => readObject(as, text),
});

/** An object of the process's board cache: already read, shared as it is (no copy per read). */
const cachedObject = (kind: BoardObjectKind, doc: unknown): StoredObject => ({
  kind,
  read: <K extends BoardObjectKind>() => doc as BoardObjectOf[K],
});

/** A cached child's place, as the read-ahead statement answers it. */
const positionOf = ({ doc }: CachedRow): Positioned => ({ id: doc.id, pos: doc.pos ?? 0 });

// Each branch finds its rows through the index of what it names, whatever the statistics say:
// ids (and the parents of ids) through the primary key, children through (parent_id, kind). The
// board is checked on the rows found, behind an `OFFSET 0` fence that keeps the planner from
// using the (board_id, kind) index instead: with a generic plan it scanned every object of the
// board in three of the four branches, before and after ANALYZE alike (1-4 ms on 1,000 cards
// where the rows themselves take 0.1). An empty `all` is skipped outright. The last branch answers
// `positions`: ids and positions only, so placing a card in a long list does not read, send and
// parse every document of the list (issue 16).
export const READ_AHEAD_SQL = `SELECT id, kind, parent_id, doc::text AS text, NULL::float8 AS pos FROM (
    SELECT * FROM objects WHERE id = ANY($2::text[] || ARRAY(
      SELECT parent_id FROM objects WHERE id = ANY($3::text[]) AND parent_id IS NOT NULL)) OFFSET 0
  ) named WHERE board_id = $1
  UNION ALL
  SELECT o.id, o.kind, o.parent_id, o.doc::text, NULL FROM unnest($4::text[], $5::text[]) AS c(kind, parent)
    CROSS JOIN LATERAL (SELECT * FROM objects o WHERE o.parent_id = c.parent AND o.kind = c.kind OFFSET 0) o
   WHERE o.board_id = $1
  UNION ALL
  SELECT o.id, o.kind, o.parent_id, o.doc::text, NULL
    FROM (SELECT DISTINCT s.kind, p.parent_id FROM unnest($6::text[], $7::text[]) AS s(kind, of)
            JOIN objects p ON p.id = s.of AND p.board_id = $1) AS s
    CROSS JOIN LATERAL (SELECT * FROM objects o WHERE o.parent_id = s.parent_id AND o.kind = s.kind OFFSET 0) o
   WHERE o.board_id = $1
  UNION ALL
  SELECT id, kind, parent_id, doc::text, NULL FROM objects
   WHERE cardinality($8::text[]) > 0 AND board_id = $1 AND kind = ANY($8::text[])
  UNION ALL
  SELECT o.id, o.kind, o.parent_id, NULL, COALESCE((o.doc->>'pos')::float8, 0)
    FROM (SELECT kind, parent FROM unnest($9::text[], $10::text[]) AS c(kind, parent)
          UNION
          SELECT s.kind, p.parent_id FROM unnest($11::text[], $12::text[]) AS s(kind, of)
            JOIN objects p ON p.id = s.of AND p.board_id = $1) AS c(kind, parent)
    CROSS JOIN LATERAL (SELECT * FROM objects o WHERE o.parent_id = c.parent AND o.kind = c.kind OFFSET 0) o
   WHERE o.board_id = $1`;

/** READ_AHEAD_SQL's values for what `want` declares, on board `boardId`. */
export function readAheadValues(boardId: string, want: Prefetch): unknown[] {
  const siblings = want.siblings ?? [];
  const children = want.children ?? [];
  const positions = want.positions ?? [];
  const siblingPositions = want.siblingPositions ?? [];
  return [
    boardId,
    want.ids ?? [],
    [...(want.parentsOf ?? []), ...siblings.map((s) => s.of)],
    children.map((c) => c.kind),
    children.map((c) => c.of),
    siblings.map((s) => s.kind),
    siblings.map((s) => s.of),
    want.all ?? [],
    positions.map((p) => p.kind),
    positions.map((p) => p.of),
    siblingPositions.map((s) => s.kind),
    siblingPositions.map((s) => s.of),
  ];
}

export interface ReadAheadRow {
  id: string;
  kind: BoardObjectKind;
  parent_id: string | null;
  /** The document, or null on a `positions` row. */
  text: string | null;
  /** The position, on a `positions` row. */
  pos: number | null;
}

/** A row read ahead, from the statement or the cache: where it hangs, and the object itself. */
interface Found {
  readonly kind: BoardObjectKind;
  readonly parentId: string | null;
  readonly object: StoredObject;
}

/** A `positions` row: an object's place under its parent, without its document. */
interface PlacedRow extends Positioned {
  readonly kind: BoardObjectKind;
  readonly parentId: string | null;
}

const childKey = (kind: BoardObjectKind, parentId: string) => `${kind}\u0000${parentId}`;

export class BoardReadAhead {
  /** By id: the stored object, or null when the board has no object with that id. */
  private readonly objects = new Map<string, StoredObject | null>();
  /** Ids of every stored child of one kind of a parent. */
  private readonly childSets = new Map<string, string[]>();
  /** Ids of every stored object of a kind. */
  private readonly kindSets = new Map<BoardObjectKind, string[]>();
  /** Ids and positions of every stored child of one kind of a parent. */
  private readonly positionSets = new Map<string, Positioned[]>();

  /** Undefined when not read ahead; null when read ahead and absent. */
  object(id: string): StoredObject | null | undefined {
    return this.objects.get(id);
  }

  children(kind: BoardObjectKind, parentId: string): StoredObject[] | undefined {
    return this.resolve(this.childSets.get(childKey(kind, parentId)));
  }

  all(kind: BoardObjectKind): StoredObject[] | undefined {
    return this.resolve(this.kindSets.get(kind));
  }

  positions(kind: PositionedKind, parentId: string): Positioned[] | undefined {
    return this.positionSets.get(childKey(kind, parentId));
  }

  /** Forgets everything: the table changed (a flush) or the transaction went back (a savepoint). */
  clear(): void {
    this.objects.clear();
    this.childSets.clear();
    this.kindSets.clear();
    this.positionSets.clear();
  }

  async load(client: PoolClient, boardId: string, want: Prefetch): Promise<void> {
    const { rows } = await query<ReadAheadRow>(client, READ_AHEAD_SQL, readAheadValues(boardId, want));
    this.loadRows(rows, want);
  }

  /** Keeps the rows READ_AHEAD_SQL answered for `want` (sent by `load`, or in BEGIN's write). */
  loadRows(rows: readonly ReadAheadRow[], want: Prefetch): void {
    const byId = new Map<string, Found>();
    const placed: PlacedRow[] = [];
    for (const row of rows) {
      if (row.text === null)
        placed.push({ kind: row.kind, parentId: row.parent_id, id: row.id, pos: row.pos! });
      else
        byId.set(row.id, {
          kind: row.kind,
          parentId: row.parent_id,
          object: storedRow(row.kind, row.text),
        });
    }
    this.keepRows(byId, want);
    this.keepPositions(placed, want);
  }

  /**
   * The same rows as `load`, from the process's cached board at the version this transaction
   * locked, through its indexes: no statement, and a cost of what is asked, not of the board.
   */
  loadCached(board: CachedBoardView, want: Prefetch): void {
    const byId = new Map<string, Found>();
    const found = (row: CachedRow) =>
      byId.set(row.doc.id, {
        kind: row.kind,
        parentId: row.parentId,
        object: cachedObject(row.kind, row.doc),
      });
    const parentOfObject = (id: string) => board.object(id)?.parentId ?? null;
    // The statement's rows, in its terms: the objects named; the parents of the objects in
    // `parentsOf` and `siblings`; the children of the (kind, parent) pairs asked for, directly or
    // as the parent of an object's siblings; every object of the kinds in `all`; the positions of
    // the children of the (kind, parent) pairs of `positions` and `siblingPositions`.
    for (const id of want.ids ?? []) {
      const row = board.object(id);
      if (row) found(row);
    }
    for (const id of [...(want.parentsOf ?? []), ...(want.siblings ?? []).map((s) => s.of)]) {
      const parentId = parentOfObject(id);
      const parent = parentId === null ? undefined : board.object(parentId);
      if (parent) found(parent);
    }
    for (const { kind, of } of want.children ?? []) for (const row of board.children(kind, of)) found(row);
    for (const { kind, of } of want.siblings ?? []) {
      const parentId = parentOfObject(of);
      if (parentId !== null) for (const row of board.children(kind, parentId)) found(row);
    }
    for (const kind of want.all ?? []) for (const row of board.all(kind)) found(row);
    // A parent's positions straight into its set, once however often asked, one `{ id, pos }`
    // per child (what the statement answers, too): a move reads its list's every card, and what it
    // allocates per card decides how often a busy worker's young generation is collected
    // (bench/move-allocation.ts).
    const placed = new Set<string>();
    const place = (kind: PositionedKind, parentId: string) => {
      const key = childKey(kind, parentId);
      if (placed.has(key)) return;
      placed.add(key);
      this.positionSets.set(key, board.children(kind, parentId).map(positionOf));
    };
    this.keepRows(byId, want);
    for (const { kind, of } of want.positions ?? []) place(kind, of);
    for (const { kind, of } of want.siblingPositions ?? []) {
      const parentId = parentOfObject(of);
      if (parentId !== null) place(kind, parentId);
    }
  }

  /**
   * Indexes the `positions` rows by parent. Every parent asked for by id gets a set (an empty
   * list's too); a sibling's parent is known by the rows under it (the sibling itself among them).
   */
  private keepPositions(placed: readonly PlacedRow[], want: Prefetch): void {
    const sets = new Map<string, Positioned[]>();
    for (const p of want.positions ?? []) sets.set(childKey(p.kind, p.of), []);
    for (const row of placed) {
      if (row.parentId === null) continue;
      const key = childKey(row.kind, row.parentId);
      const set = sets.get(key) ?? [];
      set.push({ id: row.id, pos: row.pos });
      sets.set(key, set);
    }
    for (const [key, set] of sets) this.positionSets.set(key, set);
  }

  /** Indexes the rows read for `want`, as `object`, `children` and `all` answer them. */
  private keepRows(byId: ReadonlyMap<string, Found>, want: Prefetch): void {
    const ids = want.ids ?? [];
    const siblings = want.siblings ?? [];
    const children = want.children ?? [];
    const keep = (id: string) => this.objects.set(id, byId.get(id)?.object ?? null);
    for (const id of byId.keys()) keep(id);
    for (const id of ids) keep(id);
    for (const id of want.parentsOf ?? []) {
      const parentId = byId.get(id)?.parentId;
      if (parentId) keep(parentId);
    }
    const found = [...byId];
    const childrenOf = (kind: BoardObjectKind, parentId: string) =>
      this.childSets.set(
        childKey(kind, parentId),
        found.filter(([, r]) => r.kind === kind && r.parentId === parentId).map(([id]) => id),
      );
    for (const c of children) childrenOf(c.kind, c.of);
    for (const s of siblings) {
      const parentId = byId.get(s.of)?.parentId;
      if (parentId) childrenOf(s.kind, parentId);
    }
    for (const kind of want.all ?? [])
      this.kindSets.set(
        kind,
        found.filter(([, r]) => r.kind === kind).map(([id]) => id),
      );
  }

  private resolve(ids: string[] | undefined): StoredObject[] | undefined {
    return ids?.map((id) => this.objects.get(id)!);
  }
}
