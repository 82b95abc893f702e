// Webhooks and their deliveries on SQLite (store/webhook-store.ts).
import type { SQLInputValue } from "node:sqlite";
import { groupByWebhook, PATCH_COLUMNS, readDelivery, readWebhook } from "../webhook-rows.ts";
import type {
  DeliveryDraft,
  FailureOutcome,
  NewWebhook,
  WebhookDelivery,
  WebhookPatch,
  WebhookRecord,
  WebhookStore,
} from "../webhook-store.ts";
import { isUniqueViolation, type Row, type SqliteConnection } from "./connection.ts";

/** A webhook counts only while its token works. */
const LIVE = "JOIN tokens t ON t.id = w.token_id WHERE (t.expires_at IS NULL OR t.expires_at > ?)";

export class SqliteWebhooks implements WebhookStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertWebhook(draft: NewWebhook): Promise<WebhookRecord | null> {
    try {
      return await this.db.serialized(() => {
        // Stamped in the write queue: every board write before it has committed (and did not see
        // it), every one after it sees it (SqliteBoardTx `enqueue`).
        const w: WebhookRecord = { ...draft, createdAt: new Date().toISOString() };
        this.db
          .w(
            `INSERT INTO webhooks (id, token_id, member_id, id_model, model_type, description, callback_url, active,
               consecutive_failures, first_consecutive_fail_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            w.id,
            w.tokenId,
            w.memberId,
            w.idModel,
            w.modelType,
            w.description,
            w.callbackURL,
            w.active ? 1 : 0,
            w.consecutiveFailures,
            w.firstConsecutiveFailDate,
            w.createdAt,
          );
        return w;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async webhookById(id: string): Promise<WebhookRecord | null> {
    const row = this.db.r(`SELECT w.* FROM webhooks w ${LIVE} AND w.id = ?`).get(Date.now(), id) as
      | Row
      | undefined;
    return row ? readWebhook(row) : null;
  }

  async webhooksOfToken(tokenId: string): Promise<WebhookRecord[]> {
    const rows = this.db
      .r(`SELECT w.* FROM webhooks w ${LIVE} AND w.token_id = ? ORDER BY w.created_at, w.id`)
      .all(Date.now(), tokenId) as Row[];
    return rows.map(readWebhook);
  }

  async updateWebhook(id: string, patch: WebhookPatch): Promise<boolean> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return true;
    const sets = entries.map(([k]) => `${PATCH_COLUMNS[k as keyof WebhookPatch]} = ?`);
    const values = entries.map(([, v]) => (typeof v === "boolean" ? (v ? 1 : 0) : (v as SQLInputValue)));
    // Switched back on: its failure count starts again, as Trello does.
    const reset =
      patch.active === true ? ", consecutive_failures = 0, first_consecutive_fail_date = NULL" : "";
    try {
      await this.db.serialized(() =>
        this.db.w(`UPDATE webhooks SET ${sets.join(", ")}${reset} WHERE id = ?`).run(...values, id),
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async deleteWebhook(id: string): Promise<boolean> {
    const result = await this.db.serialized(() => this.db.w("DELETE FROM webhooks WHERE id = ?").run(id));
    return Number(result.changes) > 0;
  }

  async activeWebhooksOn(modelIds: readonly string[]): Promise<WebhookRecord[]> {
    if (modelIds.length === 0) return [];
    const rows = this.db
      .r(
        `SELECT w.* FROM webhooks w ${LIVE} AND w.active = 1
           AND w.id_model IN (SELECT value FROM json_each(?)) ORDER BY w.id`,
      )
      .all(Date.now(), JSON.stringify(modelIds)) as Row[];
    return rows.map(readWebhook);
  }

  async insertDeliveries(drafts: readonly DeliveryDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.db.serialized(() =>
      this.db.inWriteTransaction(() => {
        const insert = this.db.w(
          `INSERT INTO webhook_deliveries (webhook_id, action_id, board_id, body) VALUES (?, ?, ?, ?)
           ON CONFLICT (webhook_id, action_id) DO NOTHING`,
        );
        for (const d of drafts) insert.run(d.webhookId, d.actionId, d.boardId, d.body);
      }),
    );
  }

  async pendingDeliveries(perWebhook: number, webhooks: number): Promise<WebhookDelivery[][]> {
    // The webhooks whose oldest pending delivery is due, then each one's first few in order.
    const rows = this.db
      .r(
        `WITH heads AS (
           SELECT webhook_id, MIN(id) AS head FROM webhook_deliveries WHERE done = 0 GROUP BY webhook_id
         ), due AS (
           SELECT h.webhook_id FROM heads h JOIN webhook_deliveries d ON d.id = h.head
           WHERE d.next_at <= ? ORDER BY h.head LIMIT ?
         )
         SELECT d.* FROM webhook_deliveries d JOIN due ON due.webhook_id = d.webhook_id
         WHERE d.done = 0 AND d.id IN (
           SELECT e.id FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id AND e.done = 0 ORDER BY e.id LIMIT ?)
         ORDER BY d.id`,
      )
      .all(Date.now(), webhooks, perWebhook) as Row[];
    return groupByWebhook(rows.map(readDelivery), perWebhook);
  }

  async deliveriesDone(delivered: readonly number[], dropped: readonly number[]): Promise<void> {
    if (delivered.length === 0 && dropped.length === 0) return;
    await this.db.serialized(() =>
      this.db.inWriteTransaction(() => {
        this.db
          .w(
            `UPDATE webhooks SET consecutive_failures = 0, first_consecutive_fail_date = NULL
             WHERE consecutive_failures > 0 AND id IN (
               SELECT webhook_id FROM webhook_deliveries WHERE id IN (SELECT value FROM json_each(?)))`,
          )
          .run(JSON.stringify(delivered));
        this.db
          .w(
            "UPDATE webhook_deliveries SET done = 1, delivered = 1 WHERE id IN (SELECT value FROM json_each(?))",
          )
          .run(JSON.stringify(delivered));
        this.db
          .w("UPDATE webhook_deliveries SET done = 1 WHERE id IN (SELECT value FROM json_each(?))")
          .run(JSON.stringify(dropped));
      }),
    );
  }

  async deliveryFailed(
    id: number,
    at: string,
    decide: Parameters<WebhookStore["deliveryFailed"]>[2],
  ): Promise<FailureOutcome> {
    return this.db.serialized(() =>
      this.db.inWriteTransaction(() => {
        const delivery = this.db
          .w(
            "UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = ? RETURNING webhook_id, attempts",
          )
          .get(id) as Row | undefined;
        if (!delivery) return { retryAt: null, disable: false };
        const webhook = this.db
          .w(
            `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
               first_consecutive_fail_date = COALESCE(first_consecutive_fail_date, ?)
             WHERE id = ? RETURNING consecutive_failures, first_consecutive_fail_date`,
          )
          .get(at, String(delivery.webhook_id)) as Row | undefined;
        if (!webhook) return { retryAt: null, disable: false };
        const outcome = decide({
          attempts: Number(delivery.attempts),
          consecutiveFailures: Number(webhook.consecutive_failures),
          firstConsecutiveFailDate: String(webhook.first_consecutive_fail_date),
        });
        if (outcome.disable) {
          this.db.w("UPDATE webhooks SET active = 0 WHERE id = ?").run(String(delivery.webhook_id));
          this.db
            .w("UPDATE webhook_deliveries SET done = 1 WHERE webhook_id = ? AND done = 0")
            .run(String(delivery.webhook_id));
        } else if (outcome.retryAt === null) {
          this.db.w("UPDATE webhook_deliveries SET done = 1 WHERE id = ?").run(id);
        } else {
          this.db.w("UPDATE webhook_deliveries SET next_at = ? WHERE id = ?").run(outcome.retryAt, id);
        }
        return outcome;
      }),
    );
  }

  async installSecret(name: string, fresh: string): Promise<string> {
    return this.db.serialized(() => {
      this.db
        .w("INSERT INTO install_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
        .run(name, fresh);
      const row = this.db.w("SELECT value FROM install_secrets WHERE name = ?").get(name) as Row;
      return String(row.value);
    });
  }
}
