// Actions and changes on SQLite (action-log.ts): the feed and change log read through the reader
// connection, and the action half of a board transaction (SqliteActionLogTx), which numbers the
// board's actions on the writer inside `transact`.
import type { SQLInputValue } from "node:sqlite";
import type { BoardChange } from "@tack/shared/changes";
import type { Action } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import type { ActionDraft, ActionLog, ActionLogTx, ActionQuery, PriorMutation } from "../action-log.ts";
import { REACTION_COLUMNS, type ReactionRow, reactionParams, readReaction } from "../reaction-rows.ts";
import { type ActionRow, readAction, readChange, readPriorMutation } from "../rows.ts";
import type { SqliteConnection, Statements } from "./connection.ts";

export class SqliteActionLog implements ActionLog {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async actions(q: ActionQuery): Promise<Action[]> {
    const where: string[] = ["hidden = 0"];
    const params: SQLInputValue[] = [];
    if (q.boardId !== undefined) {
      where.push("board_id = ?");
      params.push(q.boardId);
    }
    if (q.cardId !== undefined) {
      where.push("card_id = ?");
      params.push(q.cardId);
    }
    // One type is an equality, so the (board_id, type, seq) index also gives the order: no sort.
    if (q.types && q.types.length === 1) {
      where.push("type = ?");
      params.push(q.types[0]!);
    } else if (q.types && q.types.length > 1) {
      where.push("type IN (SELECT value FROM json_each(?))");
      params.push(JSON.stringify(q.types));
    }
    if (q.beforeSeq !== undefined) {
      where.push("seq < ?");
      params.push(q.beforeSeq);
    }
    const sql = `SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`;
    return (this.db.reader.prepare(sql).all(...params, q.limit) as unknown as ActionRow[]).map(readAction);
  }

  async actionById(id: string): Promise<(Action & { idBoard: string }) | null> {
    const row = this.db
      .r("SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ? AND hidden = 0")
      .get(id) as ActionRow | undefined;
    return row ? { ...readAction(row), idBoard: row.board_id } : null;
  }

  async changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]> {
    const rows = this.db
      .r("SELECT * FROM actions WHERE board_id = ? AND seq > ? ORDER BY seq LIMIT ?")
      .all(boardId, afterSeq, limit) as unknown as ActionRow[];
    return rows.map(readChange);
  }

  async changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null> {
    const row = this.db
      .r("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?")
      .get(memberId, mutationId) as ActionRow | undefined;
    return row ? readChange(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = this.db
      .r("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?")
      .get(memberId, mutationId) as ActionRow | undefined;
    return row ? readPriorMutation(row) : null;
  }

  async reactions(actionIds: readonly string[]): Promise<Reaction[]> {
    if (actionIds.length === 0) return [];
    const rows = this.db
      .r(
        `SELECT ${REACTION_COLUMNS} FROM reactions WHERE action_id IN (SELECT value FROM json_each(?)) ORDER BY date, id`,
      )
      .all(JSON.stringify(actionIds)) as unknown as ReactionRow[];
    return rows.map(readReaction);
  }
}

/** The action half of a SQLite board transaction: statements on the writer, inside `transact`. */
export class SqliteActionLogTx implements ActionLogTx {
  readonly changes: BoardChange[] = [];
  /** The board's sequence number after the actions recorded so far. */
  seq: number;
  private readonly s: Statements;
  private readonly boardId: string;

  constructor(s: Statements, boardId: string, seq: number) {
    this.s = s;
    this.boardId = boardId;
    this.seq = seq;
  }

  async moveActions(fromMemberId: string, toMemberId: string): Promise<number> {
    const result = this.s("UPDATE actions SET member_id = ? WHERE board_id = ? AND member_id = ?").run(
      toMemberId,
      this.boardId,
      fromMemberId,
    );
    return Number(result.changes);
  }

  async comment(actionId: string): Promise<Action | null> {
    const row = this.s(
      "SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ? AND board_id = ? AND type = 'commentCard' AND hidden = 0",
    ).get(actionId, this.boardId) as ActionRow | undefined;
    return row ? readAction(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = this.s("SELECT * FROM actions WHERE member_id = ? AND mutation_id = ?").get(
      memberId,
      mutationId,
    ) as ActionRow | undefined;
    return row ? readPriorMutation(row) : null;
  }

  async putCommentText(actionId: string, text: string): Promise<void> {
    this.s("UPDATE actions SET data = json_set(data, '$.text', ?) WHERE id = ? AND board_id = ?").run(
      text,
      actionId,
      this.boardId,
    );
    this.rewriteCommentEdits(actionId, text);
  }

  async removeComment(actionId: string): Promise<void> {
    this.s(
      "UPDATE actions SET hidden = 1, data = json_set(data, '$.text', '') WHERE id = ? AND board_id = ?",
    ).run(actionId, this.boardId);
    this.rewriteCommentEdits(actionId, "");
    this.s("DELETE FROM reactions WHERE action_id = ? AND board_id = ?").run(actionId, this.boardId);
  }

  async reactionsOf(actionId: string): Promise<Reaction[]> {
    const rows = this.s(
      `SELECT ${REACTION_COLUMNS} FROM reactions WHERE action_id = ? AND board_id = ? ORDER BY date, id`,
    ).all(actionId, this.boardId) as unknown as ReactionRow[];
    return rows.map(readReaction);
  }

  async putReaction(reaction: Reaction): Promise<void> {
    this.s(
      `INSERT INTO reactions (id, board_id, action_id, member_id, unified, native, short_name, date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...reactionParams(this.boardId, reaction));
  }

  async removeReaction(reactionId: string): Promise<void> {
    this.s("DELETE FROM reactions WHERE id = ? AND board_id = ?").run(reactionId, this.boardId);
  }

  /** Earlier `updateComment` rows of a comment keep their place but carry only `text`, never an old one. */
  private rewriteCommentEdits(actionId: string, text: string): void {
    this.s(
      `UPDATE actions SET data = json_set(json_remove(data, '$.old'), '$.action.text', ?)
        WHERE board_id = ? AND type = 'updateComment' AND json_extract(data, '$.action.id') = ?`,
    ).run(text, this.boardId, actionId);
  }

  async recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    const changes: BoardChange[] = [];
    for (const draft of drafts) changes.push(await this.record(draft));
    return changes;
  }

  async record(draft: ActionDraft): Promise<BoardChange> {
    const seq = this.seq + 1;
    const deleted = draft.deleted ?? [];
    this.s(
      `INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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
      draft.mutationId ? (draft.mutationKind ?? null) : null,
    );
    // Counted only once the row is in: a failed insert the command catches must not leave a gap.
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
