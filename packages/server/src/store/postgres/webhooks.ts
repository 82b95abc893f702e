// Webhooks and their deliveries on PostgreSQL (store/webhook-store.ts), shared by every worker: the
// `webhooks` lease decides which one sends.
import type { Pool } from "pg";
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
import { ignoreConnectionError, isUniqueViolation, WEBHOOKS_GATE } from "./connection.ts";
import { query } from "./query.ts";

/** A webhook counts only while its token works. */
const LIVE = "JOIN tokens t ON t.id = w.token_id WHERE (t.expires_at IS NULL OR t.expires_at > $1)";

export class PostgresWebhooks implements WebhookStore {
  private readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  async insertWebhook(draft: NewWebhook): Promise<WebhookRecord | null> {
    const client = await this.pool.connect();
    client.on("error", ignoreConnectionError);
    let broken: Error | undefined;
    try {
      // The gate's exclusive side waits for every board transaction in flight (each holds the
      // shared side from BEGIN to COMMIT) and holds new ones back until this commits. Stamped
      // after it: every write that did not see this webhook committed before `createdAt`.
      await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WEBHOOKS_GATE})`);
      const w: WebhookRecord = { ...draft, createdAt: new Date().toISOString() };
      await query(
        client,
        `INSERT INTO webhooks (id, token_id, member_id, id_model, model_type, description, callback_url, active,
           consecutive_failures, first_consecutive_fail_date, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          w.id,
          w.tokenId,
          w.memberId,
          w.idModel,
          w.modelType,
          w.description,
          w.callbackURL,
          w.active,
          w.consecutiveFailures,
          w.firstConsecutiveFailDate,
          w.createdAt,
        ],
      );
      await query(client, "COMMIT");
      return w;
    } catch (error) {
      await query(client, "ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      if (isUniqueViolation(error)) return null;
      throw error;
    } finally {
      client.off("error", ignoreConnectionError);
      client.release(broken);
    }
  }

  async webhookById(id: string): Promise<WebhookRecord | null> {
    const { rows } = await query(this.pool, `SELECT w.* FROM webhooks w ${LIVE} AND w.id = $2`, [
      Date.now(),
      id,
    ]);
    return rows[0] ? readWebhook(rows[0]) : null;
  }

  async webhooksOfToken(tokenId: string): Promise<WebhookRecord[]> {
    const { rows } = await query(
      this.pool,
      `SELECT w.* FROM webhooks w ${LIVE} AND w.token_id = $2 ORDER BY w.created_at, w.id`,
      [Date.now(), tokenId],
    );
    return rows.map(readWebhook);
  }

  async updateWebhook(id: string, patch: WebhookPatch): Promise<boolean> {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return true;
    const sets = entries.map(([k], i) => `${PATCH_COLUMNS[k as keyof WebhookPatch]} = $${i + 2}`);
    // Switched back on: its failure count starts again, as Trello does.
    const reset =
      patch.active === true ? ", consecutive_failures = 0, first_consecutive_fail_date = NULL" : "";
    try {
      await query(this.pool, `UPDATE webhooks SET ${sets.join(", ")}${reset} WHERE id = $1`, [
        id,
        ...entries.map(([, v]) => v),
      ]);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async deleteWebhook(id: string): Promise<boolean> {
    const result = await query(this.pool, "DELETE FROM webhooks WHERE id = $1", [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async activeWebhooksOn(modelIds: readonly string[]): Promise<WebhookRecord[]> {
    if (modelIds.length === 0) return [];
    const { rows } = await query(
      this.pool,
      `SELECT w.* FROM webhooks w ${LIVE} AND w.active AND w.id_model = ANY($2::text[]) ORDER BY w.id`,
      [Date.now(), modelIds],
    );
    return rows.map(readWebhook);
  }

  async insertDeliveries(drafts: readonly DeliveryDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    // unnest keeps the drafts' order, so ids follow it (board order per webhook).
    await query(
      this.pool,
      `INSERT INTO webhook_deliveries (webhook_id, action_id, board_id, body)
       SELECT w, a, b, body FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS r(w, a, b, body, n)
       ORDER BY n
       ON CONFLICT (webhook_id, action_id) DO NOTHING`,
      [
        drafts.map((d) => d.webhookId),
        drafts.map((d) => d.actionId),
        drafts.map((d) => d.boardId),
        drafts.map((d) => d.body),
      ],
    );
  }

  async pendingDeliveries(perWebhook: number, webhooks: number): Promise<WebhookDelivery[][]> {
    // The webhooks whose oldest pending delivery is due, then each one's first few in order.
    const { rows } = await query(
      this.pool,
      `WITH heads AS (
         SELECT webhook_id, MIN(id) AS head FROM webhook_deliveries WHERE NOT done GROUP BY webhook_id
       ), due AS (
         SELECT h.webhook_id, h.head FROM heads h JOIN webhook_deliveries d ON d.id = h.head
         WHERE d.next_at <= $1 ORDER BY h.head LIMIT $2
       )
       SELECT d.* FROM due CROSS JOIN LATERAL (
         SELECT * FROM webhook_deliveries e WHERE e.webhook_id = due.webhook_id AND NOT e.done ORDER BY e.id LIMIT $3
       ) d
       ORDER BY d.id`,
      [Date.now(), webhooks, perWebhook],
    );
    return groupByWebhook(rows.map(readDelivery), perWebhook);
  }

  async deliveriesDone(delivered: readonly number[], dropped: readonly number[]): Promise<void> {
    if (delivered.length === 0 && dropped.length === 0) return;
    await query(
      this.pool,
      `WITH done AS (
         UPDATE webhook_deliveries SET done = true, delivered = (id = ANY($1::bigint[]))
         WHERE id = ANY($1::bigint[]) OR id = ANY($2::bigint[]) RETURNING webhook_id, delivered
       )
       UPDATE webhooks SET consecutive_failures = 0, first_consecutive_fail_date = NULL
       WHERE consecutive_failures > 0 AND id IN (SELECT webhook_id FROM done WHERE delivered)`,
      [delivered, dropped],
    );
  }

  async deliveryFailed(
    id: number,
    at: string,
    decide: Parameters<WebhookStore["deliveryFailed"]>[2],
  ): Promise<FailureOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const delivery = (
        await query(
          client,
          "UPDATE webhook_deliveries SET attempts = attempts + 1 WHERE id = $1 RETURNING webhook_id, attempts",
          [id],
        )
      ).rows[0];
      let outcome: FailureOutcome = { retryAt: null, disable: false };
      const webhook = delivery
        ? (
            await query(
              client,
              `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
                 first_consecutive_fail_date = COALESCE(first_consecutive_fail_date, $1)
               WHERE id = $2 RETURNING consecutive_failures, first_consecutive_fail_date`,
              [at, delivery.webhook_id],
            )
          ).rows[0]
        : undefined;
      if (delivery && webhook) {
        outcome = decide({
          attempts: Number(delivery.attempts),
          consecutiveFailures: Number(webhook.consecutive_failures),
          firstConsecutiveFailDate: String(webhook.first_consecutive_fail_date),
        });
        if (outcome.disable) {
          await query(client, "UPDATE webhooks SET active = false WHERE id = $1", [delivery.webhook_id]);
          await query(
            client,
            "UPDATE webhook_deliveries SET done = true WHERE webhook_id = $1 AND NOT done",
            [delivery.webhook_id],
          );
        } else if (outcome.retryAt === null) {
          await query(client, "UPDATE webhook_deliveries SET done = true WHERE id = $1", [id]);
        } else {
          await query(client, "UPDATE webhook_deliveries SET next_at = $2 WHERE id = $1", [
            id,
            outcome.retryAt,
          ]);
        }
      }
      await client.query("COMMIT");
      return outcome;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async installSecret(name: string, fresh: string): Promise<string> {
    const { rows } = await query(
      this.pool,
      `WITH made AS (
         INSERT INTO install_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value
       )
       SELECT value FROM made UNION ALL SELECT value FROM install_secrets WHERE name = $1`,
      [name, fresh],
    );
    return String(rows[0]?.value);
  }
}
