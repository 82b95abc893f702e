// One board transaction on SQLite: the board's objects and memberships through the writer (inside
// the transaction `transact` opened), with the action and placeholder halves in their concerns'
// files. Statements run in process, so nothing is buffered: a loop is as fast as one statement.

import type { BoardChange } from "@tack/shared/changes";
import type { Action, Board, BoardObjectKind, BoardObjectOf, Member, Membership } from "@tack/shared/models";
import { parentOf } from "@tack/shared/models";
import type { Positioned } from "@tack/shared/positions";
import type { Reaction } from "@tack/shared/reactions";
import type { ActionDraft, PriorMutation } from "../action-log.ts";
import type { ObjectWrite } from "../board-objects-cache.ts";
import type { BoardTx, PositionedKind, Prefetch } from "../board-tx.ts";
import type { OutboxDraft } from "../notify-store.ts";
import { closedOf, json, readObject, shortLinkOf } from "../rows.ts";
import { SqliteActionLogTx } from "./actions.ts";
import type { Row, Statements } from "./connection.ts";
import { SqlitePlaceholderTx } from "./placeholders.ts";

export class SqliteBoardTx implements BoardTx {
  /** Set by `removeBoard`: the transaction ends by deleting the board instead of saving it. */
  removed = false;
  /** Set when `enqueue` wrote an entry (the statements run at once, so it is known then). */
  queuedOutbox = false;
  /** The object rows this transaction wrote, in order, for the process's board cache once it
   * commits (board-objects-cache.ts `advance`). */
  readonly journal: ObjectWrite[] = [];
  readonly boardId: string;
  private current: Board;
  private readonly s: Statements;
  private readonly log: SqliteActionLogTx;
  private readonly placeholders: SqlitePlaceholderTx;

  constructor(s: Statements, boardId: string, board: Board, seq: number) {
    this.s = s;
    this.boardId = boardId;
    this.current = board;
    this.log = new SqliteActionLogTx(s, boardId, seq);
    this.placeholders = new SqlitePlaceholderTx(s, boardId);
  }

  /** The board's sequence number after the actions recorded so far. */
  get seq(): number {
    return this.log.seq;
  }

  /** The changes recorded so far, in order. */
  get changes(): BoardChange[] {
    return this.log.changes;
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

  async enqueue(draft: OutboxDraft): Promise<void> {
    // In the write queue, as a webhook's insert is (sqlite/webhooks.ts): a webhook this does not
    // see is stamped after this transaction commits.
    if (draft.onlyWithWebhooks && !this.s("SELECT 1 FROM webhooks LIMIT 1").get()) return;
    const watched = draft.onlyIfWatched;
    if (
      watched &&
      !this.s(
        "SELECT 1 FROM watches WHERE object_id IN (SELECT value FROM json_each(?)) AND member_id <> ? LIMIT 1",
      ).get(JSON.stringify(watched.objectIds), watched.byOtherThan)
    )
      return;
    this.s("INSERT INTO outbox (board_id, topic, payload, created_at) VALUES (?, ?, ?, ?)").run(
      this.boardId,
      draft.topic,
      JSON.stringify(draft.payload),
      new Date().toISOString(),
    );
    this.queuedOutbox = true;
  }

  async get<K extends BoardObjectKind>(kind: K, id: string): Promise<BoardObjectOf[K] | null> {
    const row = this.s("SELECT doc FROM objects WHERE id = ? AND kind = ? AND board_id = ?").get(
      id,
      kind,
      this.boardId,
    ) as Row | undefined;
    return row ? readObject(kind, row.doc) : null;
  }

  /** Reads run in process, one statement costing about what a lookup in memory would: nothing to read ahead. */
  async prefetch(_want: Prefetch): Promise<void> {}

  async children<K extends BoardObjectKind>(kind: K, parentId: string): Promise<BoardObjectOf[K][]> {
    const rows = this.s("SELECT doc FROM objects WHERE parent_id = ? AND kind = ? AND board_id = ?").all(
      parentId,
      kind,
      this.boardId,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  placedWithin(): void {
    // Under SQLite's one writer every transaction holds the lock while it reads: nothing to check.
  }

  async positions(kind: PositionedKind, parentId: string): Promise<Positioned[]> {
    const rows = this.s(
      "SELECT id, COALESCE(json_extract(doc, '$.pos'), 0) AS pos FROM objects WHERE parent_id = ? AND kind = ? AND board_id = ?",
    ).all(parentId, kind, this.boardId) as Array<{ id: string; pos: number }>;
    return rows.map(({ id, pos }) => ({ id, pos: Number(pos) }));
  }

  async all<K extends BoardObjectKind>(kind: K): Promise<BoardObjectOf[K][]> {
    const rows = this.s("SELECT doc FROM objects WHERE board_id = ? AND kind = ?").all(
      this.boardId,
      kind,
    ) as Row[];
    return rows.map((r) => readObject(kind, r.doc));
  }

  async countOpen(kind: "card" | "list" | "attachment"): Promise<number> {
    const row = this.s(
      "SELECT count(*) AS n FROM objects WHERE board_id = ? AND kind = ? AND closed = 0",
    ).get(this.boardId, kind) as Row;
    return Number(row.n);
  }

  async put<K extends BoardObjectKind>(kind: K, doc: BoardObjectOf[K]): Promise<void> {
    const text = JSON.stringify(doc);
    const { changes } = this.s(
      `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc
       WHERE objects.board_id = excluded.board_id`,
    ).run(
      doc.id,
      this.boardId,
      kind,
      parentOf(kind, doc),
      shortLinkOf(kind, doc),
      closedOf(doc as { closed?: boolean }) ? 1 : 0,
      text,
    );
    // No row changed: the id is another board's object, which this board's write leaves alone.
    if (Number(changes) > 0) this.journal.push({ op: "put", kind, id: doc.id, text });
  }

  async putAll<K extends BoardObjectKind>(kind: K, docs: readonly BoardObjectOf[K][]): Promise<void> {
    for (const doc of docs) await this.put(kind, doc);
  }

  async remove(kind: BoardObjectKind, id: string): Promise<void> {
    const { changes } = this.s("DELETE FROM objects WHERE id = ? AND kind = ? AND board_id = ?").run(
      id,
      kind,
      this.boardId,
    );
    if (Number(changes) > 0) this.journal.push({ op: "remove", kind, id });
  }

  async memberships(): Promise<Membership[]> {
    const rows = this.s("SELECT doc FROM board_members WHERE board_id = ?").all(this.boardId) as Row[];
    return rows.map((r) => json<Membership>(r.doc));
  }

  async putMembership(m: Membership): Promise<void> {
    this.s(
      "INSERT INTO board_members (board_id, member_id, doc) VALUES (?, ?, ?) ON CONFLICT (board_id, member_id) DO UPDATE SET doc = excluded.doc",
    ).run(this.boardId, m.idMember, JSON.stringify(m));
  }

  async removeMembership(memberId: string): Promise<void> {
    this.s("DELETE FROM board_members WHERE board_id = ? AND member_id = ?").run(this.boardId, memberId);
  }

  // The action half (actions.ts)
  record(draft: ActionDraft): Promise<BoardChange> {
    return this.log.record(draft);
  }
  recordAll(drafts: readonly ActionDraft[]): Promise<BoardChange[]> {
    return this.log.recordAll(drafts);
  }
  priorMutation(memberId: string, mutationId: string): Promise<PriorMutation | null> {
    return this.log.priorMutation(memberId, mutationId);
  }
  moveActions(fromMemberId: string, toMemberId: string): Promise<number> {
    return this.log.moveActions(fromMemberId, toMemberId);
  }
  comment(actionId: string): Promise<Action | null> {
    return this.log.comment(actionId);
  }
  putCommentText(actionId: string, text: string): Promise<void> {
    return this.log.putCommentText(actionId, text);
  }
  removeComment(actionId: string): Promise<void> {
    return this.log.removeComment(actionId);
  }
  reactionsOf(actionId: string): Promise<Reaction[]> {
    return this.log.reactionsOf(actionId);
  }
  putReaction(reaction: Reaction): Promise<void> {
    return this.log.putReaction(reaction);
  }
  removeReaction(reactionId: string): Promise<void> {
    return this.log.removeReaction(reactionId);
  }

  // The placeholder half (placeholders.ts)
  insertPlaceholders(members: readonly Member[]): Promise<void> {
    return this.placeholders.insertPlaceholders(members);
  }
  placeholder(memberId: string): Promise<Member | null> {
    return this.placeholders.placeholder(memberId);
  }
  putPlaceholder(member: Member): Promise<void> {
    return this.placeholders.putPlaceholder(member);
  }
}
