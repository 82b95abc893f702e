// Board reads on PostgreSQL (board-store.ts, BoardReader), on the read pool: each is one statement,
// so one snapshot, and access is resolved in the same statement as the board or object.
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
import { accessOf, readBoard, readObject } from "../rows.ts";
import type { PostgresDatabase } from "./connection.ts";

export class PostgresBoardReader implements BoardReader {
  private readonly db: PostgresDatabase;
  private readonly cache: BoardObjectsCache;

  /** `cache` is shared with the board writer, whose commits carry it forward. */
  constructor(db: PostgresDatabase, cache: BoardObjectsCache) {
    this.db = db;
    this.cache = cache;
  }

  async boardAccess(
    idOrShortLink: string,
    memberId: string | null,
  ): Promise<{ boardId: string; access: BoardAccess } | null> {
    const row = await this.db.row<{ id: string; doc: unknown; role: BoardAccess["role"]; in_org: boolean }>(
      `SELECT b.id, b.doc,
              (SELECT bm.doc->>'memberType' FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = $1) AS in_org
         FROM boards b WHERE b.id = $2 OR b.short_link = $2 LIMIT 1`,
      [memberId, idOrShortLink],
    );
    if (!row) return null;
    const board = readBoard(row.doc);
    return {
      boardId: row.id,
      access: {
        role: row.role ?? null,
        visibility: board.prefs.permissionLevel,
        inOrganization: row.in_org,
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
    const row = await this.db.row<{
      object: unknown;
      id: string;
      doc: unknown;
      role: unknown;
      in_org: boolean;
    }>(
      `SELECT o.doc AS object, b.id, b.doc,
              (SELECT bm.doc->>'memberType' FROM board_members bm WHERE bm.board_id = b.id AND bm.member_id = $1) AS role,
              EXISTS (SELECT 1 FROM organization_members om WHERE om.org_id = b.org_id AND om.member_id = $1) AS in_org
         FROM objects o JOIN boards b ON b.id = o.board_id
        WHERE (o.id = $2 OR o.short_link = $2) AND o.kind = $3 LIMIT 1`,
      [memberId, idOrShortLink, kind],
    );
    if (!row) return null;
    return {
      object: readObject(kind, row.object),
      boardId: row.id,
      access: accessOf(row.doc, row.role, row.in_org),
    };
  }

  async boardById(boardId: string): Promise<BoardAndSeq | null> {
    const row = await this.db.row<{ doc: unknown; seq: string }>(
      "SELECT doc, seq FROM boards WHERE id = $1",
      [boardId],
    );
    return row ? { board: readBoard(row.doc), seq: Number(row.seq) } : null;
  }

  async boardsOf(memberId: string): Promise<Array<{ board: Board; membership: Membership }>> {
    const rows = await this.db.rows<{ board: unknown; membership: Membership }>(
      "SELECT b.doc AS board, bm.doc AS membership FROM boards b JOIN board_members bm ON bm.board_id = b.id WHERE bm.member_id = $1",
      [memberId],
    );
    return rows.map((r) => ({ board: readBoard(r.board), membership: r.membership }));
  }

  cachedBoardOf(kind: BoardObjectKind, id: string): string | null {
    return this.cache.boardHolding(kind, id);
  }

  boardCacheStats(): BoardCacheStats {
    return this.cache.stats();
  }

  async loadBoard(boardId: string): Promise<Omit<BoardSnapshot, "actions"> | null> {
    // One statement is one snapshot, and one round trip however big the board is. Rows, not one
    // aggregated JSON value: building that value cost PostgreSQL several times the rows' own read.
    // The objects come only when the board's version is not the one this process holds parsed
    // (board-objects-cache.ts): the head and memberships are read every time.
    const cachedVersion = this.cache.versionOf(boardId);
    const rows = await this.db.rows<{
      kind: BoardObjectKind | "board" | "membership";
      doc: unknown;
      seq: string | null;
      version: string | null;
      member: Member | null;
    }>(
      `SELECT 'board' AS kind, b.doc, b.seq::text AS seq, b.version::text AS version, NULL::jsonb AS member
         FROM boards b WHERE b.id = $1
       UNION ALL
       SELECT 'membership', bm.doc, NULL, NULL, m.doc
         FROM board_members bm JOIN members m ON m.id = bm.member_id WHERE bm.board_id = $1
       UNION ALL
       SELECT o.kind, o.doc, NULL, NULL, NULL FROM objects o
        WHERE o.board_id = $1 AND (SELECT version FROM boards WHERE id = $1) IS DISTINCT FROM $2::bigint`,
      [boardId, cachedVersion],
    );
    const head = rows.find((r) => r.kind === "board");
    if (!head) {
      this.cache.drop(boardId);
      return null;
    }
    const version = Number(head.version);
    const memberships: Membership[] = [];
    const members: Member[] = [];
    const fresh = new BoardObjectsCollector();
    for (const row of rows) {
      if (row.kind === "board") continue;
      if (row.kind === "membership") {
        memberships.push(row.doc as Membership);
        members.push(row.member!);
      } else fresh.add(row.kind, row.doc);
    }
    let objects: BoardObjects;
    if (version !== cachedVersion)
      objects = this.cache.put(boardId, version, fresh.objects, {
        board: readBoard(head.doc),
        seq: Number(head.seq),
      });
    else {
      const cached = this.cache.take(boardId, version);
      // Evicted (or replaced) while the statement ran: read again, objects and all.
      if (!cached) return this.loadBoard(boardId);
      objects = cached;
    }
    return { board: readBoard(head.doc), seq: Number(head.seq), ...objects, memberships, members };
  }

  async objectById<K extends BoardObjectKind>(
    kind: K,
    idOrShortLink: string,
  ): Promise<BoardObjectOf[K] | null> {
    const row = await this.db.row<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE (id = $1 OR short_link = $1) AND kind = $2 LIMIT 1",
      [idOrShortLink, kind],
    );
    return row ? readObject(kind, row.doc) : null;
  }

  async cardView(idOrShortLink: string): Promise<CardView | null> {
    const row = await this.db.row<{
      card: unknown;
      labels: unknown[];
      checklists: unknown[];
      attachments: unknown[];
    }>(
      `SELECT o.doc AS card,
              (SELECT coalesce(jsonb_agg(l.doc), '[]') FROM objects l WHERE l.board_id = o.board_id AND l.kind = 'label') AS labels,
              (SELECT coalesce(jsonb_agg(c.doc), '[]') FROM objects c WHERE c.parent_id = o.id AND c.kind = 'checklist') AS checklists,
              (SELECT coalesce(jsonb_agg(a.doc), '[]') FROM objects a WHERE a.parent_id = o.id AND a.kind = 'attachment') AS attachments
         FROM objects o WHERE (o.id = $1 OR o.short_link = $1) AND o.kind = 'card' LIMIT 1`,
      [idOrShortLink],
    );
    if (!row) return null;
    return {
      card: readObject("card", row.card),
      labels: row.labels.map((d) => readObject("label", d)),
      checklists: row.checklists.map((d) => readObject("checklist", d)),
      attachments: row.attachments.map((d) => readObject("attachment", d)),
    };
  }

  async objectsOf<K extends BoardObjectKind>(boardId: string, kind: K): Promise<BoardObjectOf[K][]> {
    const rows = await this.db.rows<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE board_id = $1 AND kind = $2",
      [boardId, kind],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }

  async childrenOf<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = await this.db.rows<{ doc: unknown }>(
      "SELECT doc FROM objects WHERE parent_id = $1 AND kind = $2",
      [parentId, kind],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }
}
