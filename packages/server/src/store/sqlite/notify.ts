// Notifications, watching and the outbox on SQLite (store/notify-store.ts). Writes go through the
// store's write queue, so they never land inside a board transaction that is waiting on a promise.

import { randomBytes } from "node:crypto";
import type { SQLInputValue, StatementSync } from "node:sqlite";
import type { Card, Member } from "@tack/shared/models";
import type { Notification } from "@tack/shared/notifications";
import { type NotificationRow, notificationFilter, readNotification } from "../notify-rows.ts";
import type {
  BoardPerson,
  EmailMode,
  EmailTarget,
  NotificationDraft,
  NotificationQuery,
  NotifyFacts,
  NotifyStore,
  OutboxEntry,
  WatchedKind,
} from "../notify-store.ts";
import { type ActionRow, json, readAction, readObject } from "../rows.ts";

type Row = Record<string, SQLInputValue>;

export interface SqliteAccess {
  read(sql: string): StatementSync;
  write(sql: string): StatementSync;
  serialized<T>(work: () => T | Promise<T>): Promise<T>;
}

/**
 * Rows per INSERT statement (9 parameters each, well under SQLite's limit of 32,766). A batch is
 * cut greedily into these sizes, so the connection's statement cache holds five statements, not
 * one per batch size: 500 rows are 8 statements.
 */
const INSERT_SIZES = [256, 64, 16, 4, 1];

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (const size of INSERT_SIZES)
    while (items.length - start >= size) {
      chunks.push(items.slice(start, start + size));
      start += size;
    }
  return chunks;
}

const outboxEntryOf = (r: Row): OutboxEntry => ({
  id: Number(r.id),
  boardId: String(r.board_id),
  topic: String(r.topic),
  payload: JSON.parse(String(r.payload)),
  createdAt: String(r.created_at),
  attempts: Number(r.attempts),
});

const bool = (value: unknown): unknown => (typeof value === "boolean" ? (value ? 1 : 0) : value);

export class SqliteNotifyStore implements NotifyStore {
  private readonly db: SqliteAccess;

  constructor(db: SqliteAccess) {
    this.db = db;
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const rows = this.db.read("SELECT * FROM outbox WHERE done = 0 ORDER BY id LIMIT ?").all(limit) as Row[];
    return rows.map(outboxEntryOf);
  }

  async outboxDone(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.serialized(() =>
      this.db
        .write(
          "UPDATE outbox SET done = 1, done_at = ?, payload = '{}' WHERE id IN (SELECT value FROM json_each(?))",
        )
        .run(new Date().toISOString(), JSON.stringify(ids)),
    );
  }

  async outboxEntry(id: number) {
    const row = this.db.read("SELECT * FROM outbox WHERE id = ?").get(id) as Row | undefined;
    if (!row) return null;
    return {
      ...outboxEntryOf(row),
      done: Number(row.done) === 1,
      doneAt: row.done_at ? String(row.done_at) : null,
    };
  }

  async pruneOutbox(before: string): Promise<number> {
    return this.db.serialized(() => {
      // Entries done before done_at existed have none: they are older than any retention.
      const result = this.db
        .write("DELETE FROM outbox WHERE done = 1 AND (done_at IS NULL OR done_at < ?)")
        .run(before);
      return Number(result.changes);
    });
  }

  async outboxFailed(id: number): Promise<void> {
    await this.db.serialized(() =>
      this.db.write("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?").run(id),
    );
  }

  async takeLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return this.db.serialized(() => {
      const now = Date.now();
      this.db
        .write(
          `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE leases.holder = excluded.holder OR leases.expires_at < ?`,
        )
        .run(name, holder, now + ttlMs, now);
      const row = this.db.write("SELECT holder FROM leases WHERE name = ?").get(name) as Row | undefined;
      return row?.holder === holder;
    });
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db.serialized(() =>
      this.db.write("DELETE FROM leases WHERE name = ? AND holder = ?").run(name, holder),
    );
  }

  async insertNotifications(drafts: readonly NotificationDraft[]): Promise<NotificationDraft[]> {
    if (drafts.length === 0) return [];
    // A few multi-row statements (INSERT_SIZES) in one transaction; RETURNING names the rows that were new (a redelivery inserts none).
    return this.db.serialized(() => {
      const inserted = new Set<string>();
      this.db.write("BEGIN IMMEDIATE").run();
      try {
        for (const chunk of chunksOf(drafts)) {
          const rows = this.db
            .write(
              `INSERT INTO notifications (id, member_id, board_id, card_id, type, date, unread, member_creator, data, idempotency_key)
               VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, 1, ?, ?, ?)").join(", ")}
               ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
            )
            .all(
              ...chunk.flatMap((d) => [
                d.id,
                d.memberId,
                d.boardId,
                d.cardId,
                d.type,
                d.date,
                d.idMemberCreator,
                JSON.stringify({ ...d.data, memberCreator: d.memberCreator }),
                d.idempotencyKey,
              ]),
            ) as Row[];
          for (const row of rows) inserted.add(String(row.id));
        }
        this.db.write("COMMIT").run();
      } catch (error) {
        this.db.write("ROLLBACK").run();
        throw error;
      }
      return drafts.filter((d) => inserted.has(d.id));
    });
  }

  async notificationsOf(query: NotificationQuery): Promise<Notification[]> {
    const { where, values } = notificationFilter(
      query,
      () => "?",
      (param) => `(SELECT value FROM json_each(${param}))`,
    );
    const rows = this.db
      .read(`SELECT * FROM notifications WHERE ${where} ORDER BY date DESC, id DESC LIMIT ? OFFSET ?`)
      .all(
        ...(values.map(bool) as SQLInputValue[]),
        query.limit,
        query.offset,
      ) as unknown as NotificationRow[];
    return rows.map(readNotification);
  }

  async notificationOf(memberId: string, id: string): Promise<Notification | null> {
    const row = this.db
      .read("SELECT * FROM notifications WHERE id = ? AND member_id = ?")
      .get(id, memberId) as unknown as NotificationRow | undefined;
    return row ? readNotification(row) : null;
  }

  async setUnread(memberId: string, id: string, unread: boolean): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db
        .write("UPDATE notifications SET unread = ? WHERE id = ? AND member_id = ?")
        .run(unread ? 1 : 0, id, memberId),
    );
    return Number(result.changes) > 0;
  }

  async markAllRead(memberId: string, ids: readonly string[] | null): Promise<void> {
    await this.db.serialized(() =>
      ids === null
        ? this.db
            .write("UPDATE notifications SET unread = 0 WHERE member_id = ? AND unread = 1")
            .run(memberId)
        : this.db
            .write(
              "UPDATE notifications SET unread = 0 WHERE member_id = ? AND id IN (SELECT value FROM json_each(?))",
            )
            .run(memberId, JSON.stringify(ids)),
    );
  }

  async unreadCount(memberId: string): Promise<number> {
    const row = this.db
      .read("SELECT count(*) AS n FROM notifications WHERE member_id = ? AND unread = 1")
      .get(memberId) as Row;
    return Number(row.n);
  }

  async boardPeople(boardId: string): Promise<BoardPerson[]> {
    const rows = this.db
      .read(
        `SELECT m.id, m.username, json_extract(bm.doc, '$.memberType') AS role
           FROM board_members bm JOIN members m ON m.id = bm.member_id
          WHERE bm.board_id = ? AND m.password_hash != ''`,
      )
      .all(boardId) as Row[];
    return rows.map((r) => ({
      memberId: String(r.id),
      username: String(r.username),
      role: String(r.role) as BoardPerson["role"],
    }));
  }

  async emailTargets(memberIds: readonly string[]): Promise<EmailTarget[]> {
    const ids = JSON.stringify(memberIds);
    await this.db.serialized(() => {
      for (const id of memberIds)
        this.db
          .write(
            `INSERT INTO email_prefs (member_id, mode, unsubscribe_token)
             SELECT id, 'each', ? FROM members WHERE id = ? AND password_hash != '' ON CONFLICT DO NOTHING`,
          )
          .run(randomBytes(24).toString("hex"), id);
    });
    const rows = this.db
      .read(
        `SELECT m.id, m.email, p.mode, p.unsubscribe_token FROM members m JOIN email_prefs p ON p.member_id = m.id
          WHERE m.id IN (SELECT value FROM json_each(?))`,
      )
      .all(ids) as Row[];
    return rows.map((r) => ({
      memberId: String(r.id),
      email: String(r.email),
      mode: String(r.mode) as EmailMode,
      unsubscribeToken: String(r.unsubscribe_token),
    }));
  }

  async setEmailMode(memberId: string, mode: EmailMode): Promise<void> {
    await this.emailTargets([memberId]);
    await this.db.serialized(() =>
      this.db.write("UPDATE email_prefs SET mode = ? WHERE member_id = ?").run(mode, memberId),
    );
  }

  async unsubscribe(token: string): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db.write("UPDATE email_prefs SET mode = 'never' WHERE unsubscribe_token = ?").run(token),
    );
    return Number(result.changes) > 0;
  }

  async wasEmailed(key: string): Promise<boolean> {
    return this.db.read("SELECT 1 FROM emails_sent WHERE idempotency_key = ?").get(key) !== undefined;
  }

  async recordEmailed(key: string, memberId: string): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .write(
          "INSERT INTO emails_sent (idempotency_key, member_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .run(key, memberId, new Date().toISOString()),
    );
  }

  async cardsWithDueDates(): Promise<Array<{ card: Card; boardId: string }>> {
    const rows = this.db
      .read(
        `SELECT board_id, doc FROM objects WHERE kind = 'card' AND closed = 0
           AND json_extract(doc, '$.due') IS NOT NULL AND json_extract(doc, '$.dueComplete') IS NOT 1`,
      )
      .all() as Row[];
    return rows.map((r) => ({ card: JSON.parse(String(r.doc)) as Card, boardId: String(r.board_id) }));
  }

  async claimReminder(cardId: string, event: string): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db
        .write("INSERT INTO reminders_sent (card_id, event) VALUES (?, ?) ON CONFLICT DO NOTHING")
        .run(cardId, event),
    );
    return Number(result.changes) > 0;
  }

  async firedReminders(keys: ReadonlyArray<{ cardId: string; event: string }>): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = this.db
      .read(
        `SELECT card_id, event FROM reminders_sent
          WHERE card_id IN (SELECT json_extract(value, '$.cardId') FROM json_each(?))`,
      )
      .all(JSON.stringify(keys)) as Row[];
    return new Set(rows.map((r) => `${String(r.card_id)} ${String(r.event)}`));
  }

  async unreadCounts(memberIds: readonly string[]): Promise<Map<string, number>> {
    const rows = this.db
      .read(
        `SELECT member_id, count(*) AS n FROM notifications
          WHERE member_id IN (SELECT value FROM json_each(?)) AND unread = 1 GROUP BY member_id`,
      )
      .all(JSON.stringify(memberIds)) as Row[];
    return new Map(rows.map((r) => [String(r.member_id), Number(r.n)]));
  }

  async digestsDue(cutoff: string): Promise<Array<EmailTarget & { since: string | null }>> {
    const rows = this.db
      .read(
        `SELECT m.id, m.email, p.mode, p.unsubscribe_token, p.digest_sent_at FROM email_prefs p
           JOIN members m ON m.id = p.member_id
          WHERE p.mode = 'digest' AND (p.digest_sent_at IS NULL OR p.digest_sent_at < ?)`,
      )
      .all(cutoff) as Row[];
    return rows.map((r) => ({
      memberId: String(r.id),
      email: String(r.email),
      mode: "digest",
      unsubscribeToken: String(r.unsubscribe_token),
      since: r.digest_sent_at === null ? null : String(r.digest_sent_at),
    }));
  }

  async unreadForDigest(memberId: string, since: string | null, limit: number): Promise<Notification[]> {
    const rows = this.db
      .read(
        `SELECT n.* FROM notifications n JOIN board_members bm ON bm.board_id = n.board_id AND bm.member_id = n.member_id
          WHERE n.member_id = ? AND n.unread = 1 AND n.date > ? ORDER BY n.date DESC LIMIT ?`,
      )
      .all(memberId, since ?? "", limit) as unknown as NotificationRow[];
    return rows.map(readNotification);
  }

  async markDigestSent(memberId: string, at: string): Promise<void> {
    await this.db.serialized(() =>
      this.db.write("UPDATE email_prefs SET digest_sent_at = ? WHERE member_id = ?").run(at, memberId),
    );
  }

  async setWatching(
    memberId: string,
    kind: WatchedKind,
    objectId: string,
    boardId: string,
    on: boolean,
  ): Promise<void> {
    await this.db.serialized(() =>
      on
        ? this.db
            .write(
              "INSERT INTO watches (member_id, object_id, kind, board_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .run(memberId, objectId, kind, boardId)
        : this.db.write("DELETE FROM watches WHERE member_id = ? AND object_id = ?").run(memberId, objectId),
    );
  }

  async watchedBy(memberId: string, objectIds: readonly string[]): Promise<Set<string>> {
    const rows = this.db
      .read(
        "SELECT object_id FROM watches WHERE member_id = ? AND object_id IN (SELECT value FROM json_each(?))",
      )
      .all(memberId, JSON.stringify(objectIds)) as Row[];
    return new Set(rows.map((r) => String(r.object_id)));
  }

  async notifyFacts(actionIds: readonly string[]): Promise<Map<string, NotifyFacts>> {
    // In process: the same reads one by one cost what one would; a board's people are read once.
    const facts = new Map<string, NotifyFacts>();
    const peopleOf = new Map<string, BoardPerson[]>();
    for (const actionId of actionIds) {
      const row = this.db
        .read(
          "SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ? AND hidden = 0",
        )
        .get(actionId) as ActionRow | undefined;
      if (!row) continue;
      const action = { ...readAction(row), idBoard: row.board_id };
      const cardId = (action.data.card as { id?: unknown } | undefined)?.id;
      const cardRow =
        typeof cardId === "string"
          ? (this.db.read("SELECT doc FROM objects WHERE id = ? AND kind = 'card'").get(cardId) as
              | Row
              | undefined)
          : undefined;
      const card = cardRow ? readObject("card", cardRow.doc) : null;
      const creator = this.db.read("SELECT doc FROM members WHERE id = ?").get(action.idMemberCreator) as
        | Row
        | undefined;
      let people = peopleOf.get(action.idBoard);
      if (!people) {
        people = await this.boardPeople(action.idBoard);
        peopleOf.set(action.idBoard, people);
      }
      facts.set(actionId, {
        action,
        card,
        people,
        watchers: card ? await this.watchersOf([card.id, card.idList, action.idBoard]) : [],
        creator: creator ? json<Member>(creator.doc) : null,
      });
    }
    return facts;
  }

  async watchersOf(objectIds: readonly string[]): Promise<string[]> {
    const rows = this.db
      .read("SELECT DISTINCT member_id FROM watches WHERE object_id IN (SELECT value FROM json_each(?))")
      .all(JSON.stringify(objectIds)) as Row[];
    return rows.map((r) => String(r.member_id));
  }
}
