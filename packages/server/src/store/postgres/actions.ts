// Actions and changes on PostgreSQL (action-log.ts): the feed and change log on the read pool, and
// the action half of a board transaction (PostgresActionLogTx). Recorded actions are buffered and
// written by the transaction's next flush (board-tx-flush.ts); statements that read or change
// action rows flush first, so they see every action recorded before them.
import type { BoardChange } from "@tack/shared/changes";
import type { Action } from "@tack/shared/models";
import type { Reaction } from "@tack/shared/reactions";
import type { PoolClient } from "pg";
import type { ActionDraft, ActionLog, ActionLogTx, ActionQuery, PriorMutation } from "../action-log.ts";
import type { MutationRef } from "../board-tx.ts";
import { REACTION_COLUMNS, type ReactionRow, reactionParams, readReaction } from "../reaction-rows.ts";
import { type ActionRow, readAction, readChange, readPriorMutation } from "../rows.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

const ACTION_COLUMNS = "id, board_id, seq, type, member_id, date, data";

/** Buffered actions past which they are written early, so one statement stays a sane size. */
const BATCH_ACTIONS = 500;

export class PostgresActionLog implements ActionLog {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async actions(q: ActionQuery): Promise<Action[]> {
    const where: string[] = ["NOT hidden"];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.boardId !== undefined) where.push(`board_id = ${param(q.boardId)}`);
    if (q.cardId !== undefined) where.push(`card_id = ${param(q.cardId)}`);
    // One type is an equality, so the (board_id, type, seq) index also gives the order: no sort.
    if (q.types && q.types.length === 1) where.push(`type = ${param(q.types[0])}`);
    else if (q.types && q.types.length > 1) where.push(`type = ANY(${param(q.types)}::text[])`);
    if (q.beforeSeq !== undefined) where.push(`seq < ${param(q.beforeSeq)}`);
    const sql = `SELECT ${ACTION_COLUMNS} FROM actions WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ${param(q.limit)}`;
    return (await this.db.rows<ActionRow>(sql, params)).map(readAction);
  }

  async actionById(id: string): Promise<(Action & { idBoard: string }) | null> {
    const row = await this.db.row<ActionRow>(
      `SELECT ${ACTION_COLUMNS} FROM actions WHERE id = $1 AND NOT hidden`,
      [id],
    );
    return row ? { ...readAction(row), idBoard: row.board_id } : null;
  }

  async changesSince(boardId: string, afterSeq: number, limit: number): Promise<BoardChange[]> {
    const rows = await this.db.rows<ActionRow>(
      "SELECT * FROM actions WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
      [boardId, afterSeq, limit],
    );
    return rows.map(readChange);
  }

  async changeByMutation(memberId: string, mutationId: string): Promise<BoardChange | null> {
    const row = await this.db.row<ActionRow>(
      "SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2",
      [memberId, mutationId],
    );
    return row ? readChange(row) : null;
  }

  async priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    const row = await this.db.row<ActionRow>(
      "SELECT * FROM actions WHERE member_id = $1 AND mutation_id = $2",
      [memberId, mutationId],
    );
    return row ? readPriorMutation(row) : null;
  }

  async reactions(actionIds: readonly string[]): Promise<Reaction[]> {
    if (actionIds.length === 0) return [];
    const rows = await this.db.rows<ReactionRow>(
      `SELECT ${REACTION_COLUMNS} FROM reactions WHERE action_id = ANY($1::text[]) ORDER BY date, id`,
      [actionIds],
    );
    return rows.map(readReaction);
  }
}

/** An action recorded in the transaction and not yet written, with the seq it was given. */
export interface PendingAction {
  draft: ActionDraft;
  seq: number;
}

/** A point in the action half's buffer (PostgresBoardTx `mark`). */
export interface ActionLogMark {
  readonly seq: number;
  readonly changes: number;
  readonly pending: readonly PendingAction[];
}

/** The action half of a PostgreSQL board transaction. */
export class PostgresActionLogTx implements ActionLogTx {
  readonly changes: BoardChange[] = [];
  /** The board's sequence number after the actions recorded so far. */
  seq: number;
  private pending: PendingAction[] = [];
  /**
   * Earlier attempts of mutation ids, looked up under the lock as the transaction opened (null: none
   * committed), by `${memberId}\n${mutationId}`.
   */
  private readonly priors = new Map<string, PriorMutation | null>();
  /** Mutation ids this transaction recorded actions for: their answer is no longer the looked-up one. */
  private readonly recorded = new Set<string>();
  private readonly client: PoolClient;
  private readonly boardId: string;
  /** Writes everything the transaction buffered (board-tx.ts). */
  private readonly flush: () => Promise<void>;

  constructor(client: PoolClient, boardId: string, seq: number, flush: () => Promise<void>) {
    this.client = client;
    this.boardId = boardId;
    this.seq = seq;
    this.flush = flush;
  }

  mark(): ActionLogMark {
    return { seq: this.seq, changes: this.changes.length, pending: [...this.pending] };
  }

  /**
   * Back to `mark`: the seqs taken since are free again. What was buffered then is buffered again
   * (a flush since was undone with the savepoint: board-group.ts).
   */
  restore(mark: ActionLogMark): void {
    this.seq = mark.seq;
    this.changes.length = mark.changes;
    this.pending = [...mark.pending];
  }

  /**
   * The flush wrote this transaction's actions `by` seqs later than they were numbered: it ran on a
   * copy the board had moved past (decision 0055). Renumbers its changes to match the database.
   */
  shift(by: number): void {
    this.seq += by;
    for (const change of this.changes) {
      change.seq += by;
      change.action.seq = change.seq;
    }
  }

  /** Hands the buffered actions to the flush that writes them. */
  takePending(): PendingAction[] {
    const pending = this.pending;
    this.pending = [];
    return pending;
  }

  async recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    const changes: BoardChange[] = [];
    for (const draft of drafts) changes.push(await this.record(draft));
    return changes;
  }

  /**
   * What PRIOR_MUTATIONS_SQL answered for `asked`, read under the lock: `priorMutation` answers those
   * ids from it, until this transaction records an action with one of them.
   */
  knowPriors(asked: readonly MutationRef[], rows: readonly MutationActionRow[]): void {
    for (const ref of asked) this.priors.set(mutationKey(ref.memberId, ref.mutationId), null);
    for (const row of rows)
      if (row.mutation_id !== null)
        this.priors.set(mutationKey(row.member_id, row.mutation_id), readPriorMutation(row));
  }

  async record(draft: ActionDraft): Promise<BoardChange> {
    if (draft.mutationId) this.recorded.add(mutationKey(draft.memberId, draft.mutationId));
    // The seq is taken now; the row is written by the flush. Should that fail, the whole
    // transaction rolls back, so no seq is ever skipped.
    const seq = this.seq + 1;
    this.seq = seq;
    this.pending.push({ draft, seq });
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
    if (this.pending.length >= BATCH_ACTIONS) await this.flush();
    return change;
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
    const key = mutationKey(memberId, mutationId);
    if (!this.recorded.has(key) && this.priors.has(key)) return this.priors.get(key)!;
    // Only an action of this very transaction (an earlier command of a group) needs writing first.
    if (this.pending.some((p) => p.draft.memberId === memberId && p.draft.mutationId === mutationId))
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
       ), reactions_gone AS (
         DELETE FROM reactions WHERE action_id = $1 AND board_id = $2
       )
       UPDATE actions SET hidden = true, data = jsonb_set(data, '{text}', '""'::jsonb)
        WHERE id = $1 AND board_id = $2`,
      [actionId, this.boardId],
    );
  }

  async reactionsOf(actionId: string): Promise<Reaction[]> {
    const { rows } = await query<ReactionRow>(
      this.client,
      `SELECT ${REACTION_COLUMNS} FROM reactions WHERE action_id = $1 AND board_id = $2 ORDER BY date, id`,
      [actionId, this.boardId],
    );
    return rows.map(readReaction);
  }

  async putReaction(reaction: Reaction): Promise<void> {
    await query(
      this.client,
      `INSERT INTO reactions (id, board_id, action_id, member_id, unified, native, short_name, date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      reactionParams(this.boardId, reaction),
    );
  }

  async removeReaction(reactionId: string): Promise<void> {
    await query(this.client, "DELETE FROM reactions WHERE id = $1 AND board_id = $2", [
      reactionId,
      this.boardId,
    ]);
  }
}

/** An action row as PRIOR_MUTATIONS_SQL answers it: with the mutation id it matched. */
export type MutationActionRow = ActionRow & { mutation_id: string | null };

const mutationKey = (memberId: string, mutationId: string) => `${memberId}\n${mutationId}`;

/**
 * Earlier attempts of several mutation ids in one statement, by the partial unique index on
 * (member_id, mutation_id): sent with BEGIN under the board's lock (board-transaction.ts), so it
 * sees every attempt committed before the lock was granted, as `priorMutation`'s own statement does.
 */
export const PRIOR_MUTATIONS_SQL = `SELECT a.* FROM actions a
  JOIN unnest($1::text[], $2::text[]) AS asked(member_id, mutation_id)
    ON a.member_id = asked.member_id AND a.mutation_id = asked.mutation_id`;

/** PRIOR_MUTATIONS_SQL's values for `asked`. */
export function priorMutationsValues(asked: readonly MutationRef[]): [string[], string[]] {
  return [asked.map((r) => r.memberId), asked.map((r) => r.mutationId)];
}
