// Board reads on SQLite (board-store.ts, BoardReader): through the reader connection, which under
// WAL sees committed data only. Access is resolved in the same statement as the board or object,
// so a permission check costs no extra read.
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { Board, BoardObjectKind, BoardObjectOf, Member, Membership } from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import {
  type BoardCacheStats,
  type BoardObjects,
  type BoardObjectsCache,
  BoardObjectsCollector,
} from "../board-objects-cache.ts";
import type { BoardAndSeq, BoardReader, CardView } from "../board-store.ts";
import { accessOf, json, readBoard, readObject } from "../rows.ts";
import type { Row, SqliteConnection } from "./connection.ts";

export class SqliteBoardReader implements BoardReader {
  private readonly db: SqliteConnection;
  private readonly cache: BoardObjectsCache;

  /** `cache` is shared with the board writer, whose commits carry it forward. */
  constructor(db: SqliteConnection, cache: BoardObjectsCache) {
    this.db = db;
    this.cache = cache;
  }

  async boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null> {
    const row = this.db
      .r(
        `SELECT b.id, b.doc,
              (SELECT json_extract(bm.doc, '$.memberType') FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = ?) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = ?) AS in_org
         FROM boards b WHERE b.id = ? OR b.short_link = ?`,
      )
      .get(memberId, memberId, idOrShortLink, idOrShortLink) as Row | undefined;
    if (!row) return null;
    const board = readBoard(row.doc);
    return {
      boardId: String(row.id),
      access: {
        role: (row.role as BoardAccess["role"]) ?? null,
        visibility: board.prefs.permissionLevel,
        inOrganization: Number(row.in_org) === 1,
        commentsPref: board.prefs.comments,
        closed: board.closed,
      },
    };
  }

  async objectAccess<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ object: BoardObjectOf[K]; boardId: string; access: BoardAccess } | null> {
    const row = this.db
      .r(
        `SELECT o.doc AS object, b.id, b.doc,
              (SELECT json_extract(bm.doc, '$.memberType') FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = ?) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = ?) AS in_org
         FROM objects o JOIN boards b ON b.id = o.board_id
        WHERE (o.id = ? OR o.short_link = ?) AND o.kind = ?`,
      )
      .get(memberId, memberId, idOrShortLink, idOrShortLink, kind) as Row | undefined;
    if (!row) return null;
    return {
      object: readObject(kind, row.object),
      boardId: String(row.id),
      access: accessOf(row.doc, row.role, Number(row.in_org) === 1),
    };
  }

  async boardById(boardId: string): Promise<BoardAndSeq | null> {
    const row = this.db.r("SELECT doc, seq FROM boards WHERE id = ?").get(boardId) as Row | undefined;
    return row ? { board: readBoard(row.doc), seq: Number(row.seq) } : null;
  }

  async boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>> {
    const rows = this.db
      .r(
        "SELECT b.doc AS board, bm.doc AS membership FROM boards b JOIN board_members bm ON bm.board_id = b.id WHERE bm.member_id = ?",
      )
      .all(memberId) as Row[];
    return rows.map((r) => ({ board: readBoard(r.board), membership: json<Membership>(r.membership) }));
  }

  cachedBoardOf(kind: BoardObjectKind, id: string): string | null {
    return this.cache.boardHolding(kind, id);
  }

  boardCacheStats(): BoardCacheStats {
    return this.cache.stats();
  }

  async loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null> {
    // One read transaction, so the board, its seq and its objects are one consistent snapshot.
    // The objects are read and parsed only when the board's version is not the one this process
    // holds (board-objects-cache.ts); the head and memberships are read every time.
    this.db.reader.exec("BEGIN");
    try {
      const head = this.db.r("SELECT doc, seq, version FROM boards WHERE id = ?").get(boardId) as
        | Row
        | undefined;
      if (!head) {
        this.cache.drop(boardId);
        return null;
      }
      const version = Number(head.version);
      const objects =
        this.cache.take(boardId, version) ?? this.cache.put(boardId, version, this.allObjectsOf(boardId));
      const memberships: Membership[] = [];
      const members: Member[] = [];
      const memberRows = this.db
        .r(
          "SELECT bm.doc AS membership, m.doc AS member FROM board_members bm JOIN members m ON m.id = bm.member_id WHERE bm.board_id = ?",
        )
        .all(boardId) as Row[];
      for (const r of memberRows) {
        memberships.push(json<Membership>(r.membership));
        members.push(json<Member>(r.member));
      }
      return { board: readBoard(head.doc), seq: Number(head.seq), ...objects, memberships, members };
    } finally {
      this.db.reader.exec("COMMIT");
    }
  }

  /** Every object of a board, parsed and grouped by kind. */
  private allObjectsOf(boardId: string): BoardObjects {
    const collector = new BoardObjectsCollector();
    for (const row of this.db
      .r("SELECT kind, doc FROM objects WHERE board_id = ?")
      .iterate(boardId) as Iterable<Row>) {
      collector.add(row.kind as BoardObjectKind, row.doc);
    }
    return collector.objects;
  }

  async objectById<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
  ): Promise<BoardObjectOf[K] | null> {
    const row = this.db
      .r("SELECT doc FROM objects WHERE (id = ? OR short_link = ?) AND kind = ?")
      .get(idOrShortLink, idOrShortLink, kind) as Row | undefined;
    return row ? readObject(kind, row.doc) : null;
  }

  async cardView(idOrShortLink: string): Promise<CardView | null> {
    const row = this.db
      .r(
        `SELECT o.doc AS card,
              (SELECT json_group_array(json(l.doc)) FROM objects l WHERE l.board_id = o.board_id AND l.kind = 'label') AS labels,
              (SELECT json_group_array(json(c.doc)) FROM objects c WHERE c.parent_id = o.id AND c.kind = 'checklist') AS checklists,
              (SELECT json_group_array(json(a.doc)) FROM objects a WHERE a.parent_id = o.id AND a.kind = 'attachment') AS attachments
         FROM objects o WHERE (o.id = ? OR o.short_link = ?) AND o.kind = 'card'`,
      )
      .get(idOrShortLink, idOrShortLink) as Row | undefined;
    if (!row) return null;
    return {
      card: readObject("card", row.card),
      labels: json<unknown[]>(row.labels).map((d) => readObject("label", d)),
      checklists: json<unknown[]>(row.checklists).map((d) => readObject("checklist", d)),
      attachments: json<unknown[]>(row.attachments).map((d) => readObject("attachment", d)),
    };
  }

  async objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]> {
    const rows = this.db
      .r("SELECT doc FROM objects WHERE board_id = ? AND kind = ?")
      .all(boardId, kind) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = this.db
      .r("SELECT doc FROM objects WHERE parent_id = ? AND kind = ?")
      .all(parentId, kind) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }
}
