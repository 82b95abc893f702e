// One board transaction on PostgreSQL: every method is a query on the one connection that holds the
// board row's lock, so a command sees and changes its board as if it were alone on it.
import type { BoardChange } from "@tack/shared/changes";
import type { Action, Board, BoardObjectKind, BoardObjectOf, Membership } from "@tack/shared/models";
import { parentOf } from "@tack/shared/models";
import type { PoolClient } from "pg";
import { query } from "./postgres-query.ts";
import { type ActionRow, closedOf, readAction, readObject, shortLinkOf } from "./rows.ts";
import type { ActionDraft, BoardTx } from "./store.ts";

/** Rows per multi-row statement: large enough to save round trips, small enough for one message. */
const BATCH_ROWS = 500;

export class PostgresBoardTx implements BoardTx {
  readonly changes: BoardChange[] = [];
  readonly boardId: string;
  /** The board's sequence number after the actions recorded so far. */
  seq: number;
  private current: Board;
  private readonly client: PoolClient;

  constructor(client: PoolClient, boardId: string, board: Board, seq: number) {
    this.client = client;
    this.boardId = boardId;
    this.current = board;
    this.seq = seq;
  }

  board(): Board {
    return this.current;
  }

  async putBoard(board: Board): Promise<void> {
    this.current = board;
  }

  async get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null> {
    const { rows } = await query<{ doc: unknown }>(
      this.client,
      "SELECT doc FROM objects WHERE id = $1 AND kind = $2 AND board_id = $3",
      [id, kind, this.boardId],
    );
    return rows[0] ? readObject(kind, rows[0].doc) : null;
  }

  async children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const { rows } = await query<{ doc: unknown }>(
      this.client,
      "SELECT doc FROM objects WHERE parent_id = $1 AND kind = $2 AND board_id = $3",
      [parentId, kind, this.boardId],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }

  async all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]> {
    const { rows } = await query<{ doc: unknown }>(
      this.client,
      "SELECT doc FROM objects WHERE board_id = $1 AND kind = $2",
      [this.boardId, kind],
    );
    return rows.map((r) => readObject(kind, r.doc));
  }

  async countOpen(kind: "card" | "list" | "attachment"): Promise<number> {
    const { rows } = await query<{ n: string }>(
      this.client,
      "SELECT count(*) AS n FROM objects WHERE board_id = $1 AND kind = $2 AND NOT closed",
      [this.boardId, kind],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void> {
    // An id that belongs to another board is left alone: a command can only touch its own board.
    await query(
      this.client,
      `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
       WHERE objects.board_id = excluded.board_id`,
      [
        doc.id,
        this.boardId,
        kind,
        parentOf(kind, doc),
        shortLinkOf(kind, doc),
        closedOf(doc as { closed?: boolean }),
        JSON.stringify(doc),
      ],
    );
  }

  async putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void> {
    // One statement per chunk: the rows travel as parallel arrays and unnest back into rows.
    for (let i = 0; i < docs.length; i += BATCH_ROWS) {
      const chunk = docs.slice(i, i + BATCH_ROWS);
      await query(
        this.client,
        `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc)
         SELECT id, $1, $2, parent_id, short_link, closed, doc
           FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[], $7::jsonb[])
             AS row(id, parent_id, short_link, closed, doc)
         ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
         WHERE objects.board_id = excluded.board_id`,
        [
          this.boardId,
          kind,
          chunk.map((d) => d.id),
          chunk.map((d) => parentOf(kind, d)),
          chunk.map((d) => shortLinkOf(kind, d)),
          chunk.map((d) => closedOf(d as { closed?: boolean })),
          chunk.map((d) => JSON.stringify(d)),
        ],
      );
    }
  }

  async remove(kind: BoardObjectKind, id: string): Promise<void> {
    await query(this.client, "DELETE FROM objects WHERE id = $1 AND kind = $2 AND board_id = $3", [
      id,
      kind,
      this.boardId,
    ]);
  }

  async memberships(): Promise<Membership[]> {
    const { rows } = await query<{ doc: Membership }>(
      this.client,
      "SELECT doc FROM board_members WHERE board_id = $1",
      [this.boardId],
    );
    return rows.map((r) => r.doc);
  }

  async putMembership(m: Membership): Promise<void> {
    await query(
      this.client,
      `INSERT INTO board_members (board_id, member_id, doc) VALUES ($1, $2, $3)
       ON CONFLICT (board_id, member_id) DO UPDATE SET doc = excluded.doc`,
      [this.boardId, m.idMember, JSON.stringify(m)],
    );
  }

  async removeMembership(memberId: string): Promise<void> {
    await query(this.client, "DELETE FROM board_members WHERE board_id = $1 AND member_id = $2", [
      this.boardId,
      memberId,
    ]);
  }

  async comment(actionId: string): Promise<Action | null> {
    const { rows } = await query<ActionRow>(
      this.client,
      `SELECT id, board_id, seq, type, member_id, date, data FROM actions
        WHERE id = $1 AND board_id = $2 AND type = 'commentCard' AND NOT hidden`,
      [actionId, this.boardId],
    );
    return rows[0] ? readAction(rows[0]) : null;
  }

  async putCommentText(actionId: string, text: string): Promise<void> {
    await query(
      this.client,
      "UPDATE actions SET data = jsonb_set(data, '{text}', to_jsonb($1::text)) WHERE id = $2 AND board_id = $3",
      [text, actionId, this.boardId],
    );
  }

  async removeComment(actionId: string): Promise<void> {
    await query(this.client, "UPDATE actions SET hidden = true WHERE id = $1 AND board_id = $2", [
      actionId,
      this.boardId,
    ]);
  }

  async recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    const changes: BoardChange[] = [];
    for (let i = 0; i < drafts.length; i += BATCH_ROWS) {
      const chunk = drafts.slice(i, i + BATCH_ROWS);
      const first = this.seq + 1;
      await query(
        this.client,
        `INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id)
         SELECT id, $1, seq, type, member_id, card_id, date, data, models, deleted, mutation_id
           FROM unnest($2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::jsonb[], $9::jsonb[], $10::jsonb[], $11::text[])
             AS row(id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id)`,
        [
          this.boardId,
          chunk.map((d) => d.id),
          chunk.map((_, k) => first + k),
          chunk.map((d) => d.type),
          chunk.map((d) => d.memberId),
          chunk.map((d) => d.cardId ?? null),
          chunk.map((d) => d.date),
          chunk.map((d) => JSON.stringify(d.data)),
          chunk.map((d) => JSON.stringify(d.models)),
          chunk.map((d) => JSON.stringify(d.deleted ?? [])),
          chunk.map((d) => d.mutationId ?? null),
        ],
      );
      // Counted only once the rows are in: a failed insert must not leave a gap.
      for (const [k, draft] of chunk.entries()) changes.push(this.recorded(draft, first + k));
    }
    return changes;
  }

  async record(draft: ActionDraft): Promise<BoardChange> {
    const seq = this.seq + 1;
    const deleted = draft.deleted ?? [];
    await query(
      this.client,
      `INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        draft.id,
        this.boardId,
        seq,
        draft.type,
        draft.memberId,
        draft.cardId ?? null,
        draft.date,
        JSON.stringify(draft.data),
        JSON.stringify(draft.models),
        JSON.stringify(deleted),
        draft.mutationId ?? null,
      ],
    );
    // Counted only once the row is in: a failed insert must not leave a gap.
    return this.recorded(draft, seq);
  }

  /** Takes a written action into the transaction's seq and changes. */
  private recorded(draft: ActionDraft, seq: number): BoardChange {
    const deleted = draft.deleted ?? [];
    this.seq = seq;
    const change: BoardChange = {
      board: this.boardId,
      seq,
      action: {
        id: draft.id,
        idMemberCreator: draft.memberId,
        type: draft.type,
        date: draft.date,
        data: draft.data,
        seq,
      },
      models: draft.models,
      deleted,
    };
    this.changes.push(change);
    return change;
  }
}
