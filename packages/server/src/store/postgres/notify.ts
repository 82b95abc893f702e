// Notifications, watching and the outbox on PostgreSQL (store/notify-store.ts), shared by every
// worker: the lease row decides which one delivers.

import { randomBytes } from "node:crypto";
import type { Card, Member } from "@tack/shared/models";
import type { Notification } from "@tack/shared/notifications";
import type { Pool } from "pg";
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
import { type ActionRow, readAction, readObject } from "../rows.ts";
import { jsonbElements, query } from "./query.ts";

const outboxEntryOf = (r: Record<string, unknown>): OutboxEntry => ({
  id: Number(r.id),
  boardId: String(r.board_id),
  topic: String(r.topic),
  payload: r.payload as Record<string, unknown>,
  createdAt: String(r.created_at),
  attempts: Number(r.attempts),
});

/**
 * `notifyFacts` for a pass's actions in one statement: the reads of actionById, objectById,
 * boardPeople, watchersOf and membersByIds for each. A board's people come once, on the first of
 * its actions (`people` is null on the rest), however many of its actions the pass holds.
 */
const NOTIFY_FACTS_SQL = `WITH a AS (
    SELECT id, board_id, seq, type, member_id, date, data FROM actions WHERE id = ANY($1::text[]) AND NOT hidden
  ), p AS (
    SELECT bm.board_id,
           json_agg(json_build_object('memberId', m.id, 'username', m.username, 'role', bm.doc->>'memberType')) AS people
      FROM board_members bm JOIN members m ON m.id = bm.member_id
     WHERE bm.board_id IN (SELECT board_id FROM a) AND m.password_hash <> ''
     GROUP BY bm.board_id
  )
  SELECT a.*, c.doc AS card,
    CASE WHEN row_number() OVER (PARTITION BY a.board_id ORDER BY a.id) = 1
      THEN coalesce(p.people, '[]'::json) END AS people,
    CASE WHEN c.id IS NULL THEN '{}'::text[] ELSE
      (SELECT coalesce(array_agg(DISTINCT w.member_id), '{}') FROM watches w
        WHERE w.object_id IN (c.id, c.parent_id, a.board_id)) END AS watchers,
    (SELECT doc FROM members WHERE id = a.member_id) AS creator
  FROM a
  LEFT JOIN objects c ON c.id = a.data->'card'->>'id' AND c.kind = 'card'
  LEFT JOIN p ON p.board_id = a.board_id
  ORDER BY a.board_id, a.id`;

export class PostgresNotifyStore implements NotifyStore {
  private readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    const { rows } = await query(this.pool, "SELECT * FROM outbox WHERE NOT done ORDER BY id LIMIT $1", [
      limit,
    ]);
    return rows.map(outboxEntryOf);
  }

  async outboxDone(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await query(
      this.pool,
      "UPDATE outbox SET done = true, done_at = $2, payload = '{}' WHERE id = ANY($1::bigint[])",
      [ids, new Date().toISOString()],
    );
  }

  async outboxEntry(id: number) {
    const { rows } = await query(this.pool, "SELECT * FROM outbox WHERE id = $1", [id]);
    const row = rows[0];
    if (!row) return null;
    return {
      ...outboxEntryOf(row),
      done: row.done === true,
      doneAt: row.done_at ? String(row.done_at) : null,
    };
  }

  async pruneOutbox(before: string): Promise<number> {
    // Entries done before done_at existed have none: they are older than any retention.
    const { rowCount } = await query(
      this.pool,
      "DELETE FROM outbox WHERE done AND (done_at IS NULL OR done_at < $1)",
      [before],
    );
    return rowCount ?? 0;
  }

  async outboxFailed(id: number): Promise<void> {
    await query(this.pool, "UPDATE outbox SET attempts = attempts + 1 WHERE id = $1", [id]);
  }

  async takeLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    // One statement: the row is taken when free, expired or already ours; the winner sees it back.
    const now = Date.now();
    const { rows } = await query(
      this.pool,
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE leases.holder = excluded.holder OR leases.expires_at < $4
       RETURNING holder`,
      [name, holder, now + ttlMs, now],
    );
    return rows.length === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await query(this.pool, "DELETE FROM leases WHERE name = $1 AND holder = $2", [name, holder]);
  }

  async insertNotifications(drafts: readonly NotificationDraft[]): Promise<NotificationDraft[]> {
    if (drafts.length === 0) return [];
    const { rows } = await query<{ id: string }>(
      this.pool,
      `INSERT INTO notifications (id, member_id, board_id, card_id, type, date, unread, member_creator, data, idempotency_key)
       SELECT id, member_id, board_id, card_id, type, date, true, member_creator, data, idempotency_key
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], ${jsonbElements(8)}, $9::text[])
           AS row(id, member_id, board_id, card_id, type, date, member_creator, data, idempotency_key)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [
        drafts.map((d) => d.id),
        drafts.map((d) => d.memberId),
        drafts.map((d) => d.boardId),
        drafts.map((d) => d.cardId),
        drafts.map((d) => d.type),
        drafts.map((d) => d.date),
        drafts.map((d) => d.idMemberCreator),
        JSON.stringify(drafts.map((d) => ({ ...d.data, memberCreator: d.memberCreator }))),
        drafts.map((d) => d.idempotencyKey),
      ],
    );
    const inserted = new Set(rows.map((r) => r.id));
    return drafts.filter((d) => inserted.has(d.id));
  }

  async notificationsOf(q: NotificationQuery): Promise<Notification[]> {
    const { where, values } = notificationFilter(
      q,
      (index) => `$${index}`,
      (param) => `(SELECT jsonb_array_elements_text(${param}::jsonb))`,
    );
    const n = values.length;
    const { rows } = await query(
      this.pool,
      `SELECT * FROM notifications WHERE ${where} ORDER BY date DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...values, q.limit, q.offset],
    );
    return (rows as NotificationRow[]).map(readNotification);
  }

  async notificationOf(memberId: string, id: string): Promise<Notification | null> {
    const { rows } = await query(this.pool, "SELECT * FROM notifications WHERE id = $1 AND member_id = $2", [
      id,
      memberId,
    ]);
    return rows[0] ? readNotification(rows[0] as NotificationRow) : null;
  }

  async setUnread(memberId: string, id: string, unread: boolean): Promise<boolean> {
    const result = await query(
      this.pool,
      "UPDATE notifications SET unread = $1 WHERE id = $2 AND member_id = $3",
      [unread, id, memberId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async markAllRead(memberId: string, ids: readonly string[] | null): Promise<void> {
    if (ids === null)
      await query(this.pool, "UPDATE notifications SET unread = false WHERE member_id = $1 AND unread", [
        memberId,
      ]);
    else
      await query(
        this.pool,
        "UPDATE notifications SET unread = false WHERE member_id = $1 AND id = ANY($2::text[])",
        [memberId, ids],
      );
  }

  async unreadCount(memberId: string): Promise<number> {
    const { rows } = await query(
      this.pool,
      "SELECT count(*)::integer AS n FROM notifications WHERE member_id = $1 AND unread",
      [memberId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async boardPeople(boardId: string): Promise<BoardPerson[]> {
    const { rows } = await query<{ id: string; username: string; role: BoardPerson["role"] }>(
      this.pool,
      `SELECT m.id, m.username, bm.doc->>'memberType' AS role
         FROM board_members bm JOIN members m ON m.id = bm.member_id
        WHERE bm.board_id = $1 AND m.password_hash <> ''`,
      [boardId],
    );
    return rows.map((r) => ({ memberId: r.id, username: r.username, role: r.role }));
  }

  async notifyFacts(actionIds: readonly string[]): Promise<Map<string, NotifyFacts>> {
    const facts = new Map<string, NotifyFacts>();
    if (actionIds.length === 0) return facts;
    const { rows } = await query<
      ActionRow & { card: unknown; people: BoardPerson[] | null; watchers: string[]; creator: Member | null }
    >(this.pool, NOTIFY_FACTS_SQL, [actionIds]);
    // Rows come board by board, the board's people on its first.
    let people: BoardPerson[] = [];
    for (const row of rows) {
      if (row.people !== null) people = row.people;
      facts.set(row.id, {
        action: { ...readAction(row), idBoard: row.board_id },
        card: row.card ? readObject("card", row.card) : null,
        people,
        watchers: row.watchers,
        creator: row.creator,
      });
    }
    return facts;
  }

  async emailTargets(memberIds: readonly string[]): Promise<EmailTarget[]> {
    await query(
      this.pool,
      `INSERT INTO email_prefs (member_id, mode, unsubscribe_token)
       SELECT m.id, 'each', t.token FROM unnest($1::text[], $2::text[]) AS t(id, token)
         JOIN members m ON m.id = t.id AND m.password_hash <> ''
       ON CONFLICT DO NOTHING`,
      [memberIds, memberIds.map(() => randomBytes(24).toString("hex"))],
    );
    const { rows } = await query<{ id: string; email: string; mode: EmailMode; unsubscribe_token: string }>(
      this.pool,
      `SELECT m.id, m.email, p.mode, p.unsubscribe_token FROM members m JOIN email_prefs p ON p.member_id = m.id
        WHERE m.id = ANY($1::text[])`,
      [memberIds],
    );
    return rows.map((r) => ({
      memberId: r.id,
      email: r.email,
      mode: r.mode,
      unsubscribeToken: r.unsubscribe_token,
    }));
  }

  async setEmailMode(memberId: string, mode: EmailMode): Promise<void> {
    await this.emailTargets([memberId]);
    await query(this.pool, "UPDATE email_prefs SET mode = $1 WHERE member_id = $2", [mode, memberId]);
  }

  async unsubscribe(token: string): Promise<boolean> {
    const result = await query(
      this.pool,
      "UPDATE email_prefs SET mode = 'never' WHERE unsubscribe_token = $1",
      [token],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async wasEmailed(key: string): Promise<boolean> {
    const { rows } = await query(this.pool, "SELECT 1 FROM emails_sent WHERE idempotency_key = $1", [key]);
    return rows.length > 0;
  }

  async recordEmailed(key: string, memberId: string): Promise<void> {
    await query(
      this.pool,
      "INSERT INTO emails_sent (idempotency_key, member_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [key, memberId, new Date().toISOString()],
    );
  }

  async cardsWithDueDates(): Promise<Array<{ card: Card; boardId: string }>> {
    const { rows } = await query<{ board_id: string; doc: Card }>(
      this.pool,
      `SELECT board_id, doc FROM objects WHERE kind = 'card' AND NOT closed
         AND doc->>'due' IS NOT NULL AND coalesce(doc->>'dueComplete', 'false') <> 'true'`,
    );
    return rows.map((r) => ({ card: r.doc, boardId: r.board_id }));
  }

  async claimReminder(cardId: string, event: string): Promise<boolean> {
    const result = await query(
      this.pool,
      "INSERT INTO reminders_sent (card_id, event) VALUES ($1, $2) ON CONFLICT DO NOTHING",
      [cardId, event],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async firedReminders(keys: ReadonlyArray<{ cardId: string; event: string }>): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await query<{ card_id: string; event: string }>(
      this.pool,
      "SELECT card_id, event FROM reminders_sent WHERE card_id = ANY($1::text[])",
      [[...new Set(keys.map((k) => k.cardId))]],
    );
    return new Set(rows.map((r) => `${r.card_id} ${r.event}`));
  }

  async unreadCounts(memberIds: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await query<{ member_id: string; n: number }>(
      this.pool,
      `SELECT member_id, count(*)::integer AS n FROM notifications
        WHERE member_id = ANY($1::text[]) AND unread GROUP BY member_id`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.member_id, r.n]));
  }

  async digestsDue(cutoff: string): Promise<Array<EmailTarget & { since: string | null }>> {
    const { rows } = await query<{
      id: string;
      email: string;
      unsubscribe_token: string;
      digest_sent_at: string | null;
    }>(
      this.pool,
      `SELECT m.id, m.email, p.unsubscribe_token, p.digest_sent_at FROM email_prefs p
         JOIN members m ON m.id = p.member_id
        WHERE p.mode = 'digest' AND (p.digest_sent_at IS NULL OR p.digest_sent_at < $1)`,
      [cutoff],
    );
    return rows.map((r) => ({
      memberId: r.id,
      email: r.email,
      mode: "digest",
      unsubscribeToken: r.unsubscribe_token,
      since: r.digest_sent_at,
    }));
  }

  async unreadForDigest(memberId: string, since: string | null, limit: number): Promise<Notification[]> {
    const { rows } = await query(
      this.pool,
      `SELECT n.* FROM notifications n JOIN board_members bm ON bm.board_id = n.board_id AND bm.member_id = n.member_id
        WHERE n.member_id = $1 AND n.unread AND n.date > $2 ORDER BY n.date DESC LIMIT $3`,
      [memberId, since ?? "", limit],
    );
    return (rows as NotificationRow[]).map(readNotification);
  }

  async markDigestSent(memberId: string, at: string): Promise<void> {
    await query(this.pool, "UPDATE email_prefs SET digest_sent_at = $1 WHERE member_id = $2", [at, memberId]);
  }

  async setWatching(
    memberId: string,
    kind: WatchedKind,
    objectId: string,
    boardId: string,
    on: boolean,
  ): Promise<void> {
    if (on)
      await query(
        this.pool,
        "INSERT INTO watches (member_id, object_id, kind, board_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [memberId, objectId, kind, boardId],
      );
    else
      await query(this.pool, "DELETE FROM watches WHERE member_id = $1 AND object_id = $2", [
        memberId,
        objectId,
      ]);
  }

  async watchedBy(memberId: string, objectIds: readonly string[]): Promise<Set<string>> {
    const { rows } = await query<{ object_id: string }>(
      this.pool,
      "SELECT object_id FROM watches WHERE member_id = $1 AND object_id = ANY($2::text[])",
      [memberId, objectIds],
    );
    return new Set(rows.map((r) => r.object_id));
  }

  async watchersOf(objectIds: readonly string[]): Promise<string[]> {
    const { rows } = await query<{ member_id: string }>(
      this.pool,
      "SELECT DISTINCT member_id FROM watches WHERE object_id = ANY($1::text[])",
      [objectIds],
    );
    return rows.map((r) => r.member_id);
  }
}
