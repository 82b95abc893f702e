// One board transaction on PostgreSQL, on the one connection that holds the board row's lock, so a
// command sees and changes its board as if it were alone on it.
//
// Writes of objects and actions are buffered and reach PostgreSQL in one statement when the
// transaction ends (`flush`), together with the board row's new seq: a card move is then one
// write round trip instead of three or more. Reads inside the transaction see the buffered writes
// (`get`, `children`, `all` overlay them), and the few reads that cannot be overlaid cheaply
// (`countOpen`, comments) flush first.
import type { BoardChange } from "@tack/shared/changes";
import type { Action, Board, BoardObjectKind, BoardObjectOf, Member, Membership } from "@tack/shared/models";
import { parentOf } from "@tack/shared/models";
import type { PoolClient } from "pg";
import type { OutboxDraft } from "./notify-store.ts";
import { placeholderEmail } from "./placeholder-email.ts";
import { query } from "./postgres-query.ts";
import { type ActionRow, closedOf, readAction, readObject, readPriorMutation, shortLinkOf } from "./rows.ts";
import type { ActionDraft, BoardTx, PriorMutation } from "./store.ts";

/** Buffered rows past which the buffer is written early, so one statement stays a sane size. */
const BATCH_ROWS = 500;

interface PendingObject {
  kind: BoardObjectKind;
  doc: BoardObjectOf[BoardObjectKind];
}

interface PendingAction {
  draft: ActionDraft;
  seq: number;
}

export class PostgresBoardTx implements BoardTx {
  readonly changes: BoardChange[] = [];
  readonly boardId: string;
  /** The board's sequence number after the actions recorded so far. */
  seq: number;
  private current: Board;
  private readonly client: PoolClient;
  private readonly puts = new Map<string, PendingObject>();
  private readonly removals = new Map<string, BoardObjectKind>();
  private actions: PendingAction[] = [];
  /** Set by `removeBoard`: the transaction ends by deleting the board (runBoardTransaction). */
  removed = false;

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

  async removeBoard(): Promise<void> {
    this.removed = true;
  }

  async get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null> {
    if (this.removals.has(id)) return null;
    const pending = this.puts.get(id);
    if (pending) return pending.kind === kind ? (pending.doc as BoardObjectOf[K]) : null;
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
    return this.overlay(
      kind,
      rows.map((r) => readObject(kind, r.doc)),
      (doc) => parentOf(kind, doc) === parentId,
    );
  }

  async all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]> {
    const { rows } = await query<{ doc: unknown }>(
      this.client,
      "SELECT doc FROM objects WHERE board_id = $1 AND kind = $2",
      [this.boardId, kind],
    );
    return this.overlay(
      kind,
      rows.map((r) => readObject(kind, r.doc)),
      () => true,
    );
  }

  /** Stored rows as this transaction sees them: buffered versions replace, removals drop, new ones join. */
  private overlay<K extends BoardObjectKind>(
    kind: K,
    stored: BoardObjectOf[K][],
    belongs: (doc: BoardObjectOf[K]) => boolean,
  ): BoardObjectOf[K][] {
    if (this.puts.size === 0 && this.removals.size === 0) return stored;
    const out: BoardObjectOf[K][] = [];
    const seen = new Set<string>();
    for (const doc of stored) {
      seen.add(doc.id);
      if (this.removals.has(doc.id)) continue;
      const pending = this.puts.get(doc.id);
      if (!pending) out.push(doc);
      else if (pending.kind === kind && belongs(pending.doc as BoardObjectOf[K]))
        out.push(pending.doc as BoardObjectOf[K]);
    }
    for (const [id, pending] of this.puts) {
      if (!seen.has(id) && pending.kind === kind && belongs(pending.doc as BoardObjectOf[K])) {
        out.push(pending.doc as BoardObjectOf[K]);
      }
    }
    return out;
  }

  async countOpen(kind: "card" | "list" | "attachment"): Promise<number> {
    await this.flush();
    const { rows } = await query<{ n: string }>(
      this.client,
      "SELECT count(*) AS n FROM objects WHERE board_id = $1 AND kind = $2 AND NOT closed",
      [this.boardId, kind],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void> {
    this.removals.delete(doc.id);
    this.puts.set(doc.id, { kind, doc });
    if (this.puts.size >= BATCH_ROWS) await this.flush();
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

  async insertPlaceholders(members: readonly Member[]): Promise<void> {
    if (members.length === 0) return;
    await query(
      this.client,
      `INSERT INTO members (id, username, email, password_hash, doc)
       SELECT m.id, m.username, m.email, '', m.doc
         FROM jsonb_to_recordset($1::jsonb) AS m(id text, username text, email text, doc jsonb)`,
      [
        JSON.stringify(
          members.map((m) => ({ id: m.id, username: m.username, email: placeholderEmail(m.id), doc: m })),
        ),
      ],
    );
  }

  async placeholder(memberId: string): Promise<Member | null> {
    const { rows } = await query<{ doc: Member }>(
      this.client,
      "SELECT doc FROM members WHERE id = $1 AND password_hash = '' AND doc->'placeholder'->>'idBoard' = $2",
      [memberId, this.boardId],
    );
    return rows[0]?.doc ?? null;
  }

  async putPlaceholder(member: Member): Promise<void> {
    await query(
      this.client,
      "UPDATE members SET doc = $1 WHERE id = $2 AND password_hash = '' AND doc->'placeholder'->>'idBoard' = $3",
      [JSON.stringify(member), member.id, this.boardId],
    );
  }

  async moveActions(fromMemberId: string, toMemberId: string): Promise<number> {
    await this.flush();
    const result = await query(
      this.client,
      "UPDATE actions SET member_id = $1 WHERE board_id = $2 AND member_id = $3",
      [toMemberId, this.boardId, fromMemberId],
    );
    return result.rowCount ?? 0;
  }

  async comment(actionId: string): Promise<Action | null> {
    await this.flush();
    const { rows } = await query<ActionRow>(
      this.client,
      `SELECT id, board_id, seq, type, member_id, date, data FROM actions
        WHERE id = $1 AND board_id = $2 AND type = 'commentCard' AND NOT hidden`,
      [actionId, this.boardId],
    );
    return rows[0] ? readAction(rows[0]) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    await this.flush();
    // READ COMMITTED: this statement sees every transaction that committed before the board lock
    // was granted, so an earlier attempt of the same mutation is found here.
    const { rows } = await query<ActionRow>(
      this.client,
      "SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2",
      [memberId, mutationId],
    );
    return rows[0] ? readPriorMutation(rows[0]) : null;
  }

  async putCommentText(actionId: string, text: string): Promise<void> {
    await this.flush();
    await query(
      this.client,
      `WITH edits AS (
         UPDATE actions SET data = jsonb_set(data - 'old', '{action,text}', to_jsonb($1::text))
          WHERE board_id = $3 AND type = 'updateComment' AND data->'action'->>'id' = $2
       )
       UPDATE actions SET data = jsonb_set(data, '{text}', to_jsonb($1::text)) WHERE id = $2 AND board_id = $3`,
      [text, actionId, this.boardId],
    );
  }

  async removeComment(actionId: string): Promise<void> {
    await this.flush();
    await query(
      this.client,
      `WITH edits AS (
         UPDATE actions SET data = jsonb_set(data - 'old', '{action,text}', '""'::jsonb)
          WHERE board_id = $2 AND type = 'updateComment' AND data->'action'->>'id' = $1
       )
       UPDATE actions SET hidden = true, data = jsonb_set(data, '{text}', '""'::jsonb)
        WHERE id = $1 AND board_id = $2`,
      [actionId, this.boardId],
    );
  }

  async enqueue(draft: OutboxDraft): Promise<void> {
    // Its own round trip, on the transaction's connection: it commits or rolls back with the board.
    await query(
      this.client,
      "INSERT INTO outbox (board_id, topic, payload, created_at) VALUES ($1, $2, $3, $4)",
      [this.boardId, draft.topic, JSON.stringify(draft.payload), new Date().toISOString()],
    );
  }

  async recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    const changes: BoardChange[] = [];
    for (const draft of drafts) changes.push(await this.record(draft));
    return changes;
  }

  async record(draft: ActionDraft): Promise<BoardChange> {
    // The seq is taken now; the row is written by `flush`. Should that fail, the whole
    // transaction rolls back, so no seq is ever skipped.
    const seq = this.seq + 1;
    this.seq = seq;
    this.actions.push({ draft, seq });
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
      deleted: draft.deleted ?? [],
    };
    this.changes.push(change);
    if (this.actions.length >= BATCH_ROWS) await this.flush();
    return change;
  }

  /**
   * Writes the buffered removals, objects and actions in one statement; with `finish`, also the
   * board row's seq and document (the transaction's last write before COMMIT).
   */
  async flush(finish = false): Promise<void> {
    if (!finish && this.puts.size === 0 && this.removals.size === 0 && this.actions.length === 0) return;
    const puts = [...this.puts.values()];
    const removals = [...this.removals.keys()];
    const actions = this.actions;
    this.puts.clear();
    this.removals.clear();
    this.actions = [];
    const board = this.current;
    await query(
      this.client,
      `WITH removed AS (
         DELETE FROM objects WHERE board_id = $1 AND id = ANY($2::text[])
       ), written AS (
         INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc)
         SELECT id, $1, kind, parent_id, short_link, closed, doc
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::jsonb[])
             AS row(id, kind, parent_id, short_link, closed, doc)
         ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
         WHERE objects.board_id = excluded.board_id
       ), recorded AS (
         INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
         SELECT id, $1, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind
           FROM unnest($9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[],
                       $15::jsonb[], $16::jsonb[], $17::jsonb[], $18::text[], $23::text[])
             AS row(id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
       )
       UPDATE boards SET seq = $19, doc = $20, org_id = $21 WHERE id = $1 AND $22`,
      [
        this.boardId,
        removals,
        puts.map((p) => p.doc.id),
        puts.map((p) => p.kind),
        puts.map((p) => parentOf(p.kind, p.doc)),
        puts.map((p) => shortLinkOf(p.kind, p.doc)),
        puts.map((p) => closedOf(p.doc as { closed?: boolean })),
        puts.map((p) => JSON.stringify(p.doc)),
        actions.map((a) => a.draft.id),
        actions.map((a) => a.seq),
        actions.map((a) => a.draft.type),
        actions.map((a) => a.draft.memberId),
        actions.map((a) => a.draft.cardId ?? null),
        actions.map((a) => a.draft.date),
        actions.map((a) => JSON.stringify(a.draft.data)),
        actions.map((a) => JSON.stringify(a.draft.models)),
        actions.map((a) => JSON.stringify(a.draft.deleted ?? [])),
        actions.map((a) => a.draft.mutationId ?? null),
        this.seq,
        JSON.stringify(board),
        board.idOrganization,
        finish,
        actions.map((a) => (a.draft.mutationId ? (a.draft.mutationKind ?? null) : null)),
      ],
    );
  }
}
