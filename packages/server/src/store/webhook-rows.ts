// Rows of the webhook tables read the same way by both adapters.
import type { WebhookDelivery, WebhookModelType, WebhookRecord } from "./webhook-store.ts";

type Row = Record<string, unknown>;

export function readWebhook(r: Row): WebhookRecord {
  return {
    id: String(r.id),
    tokenId: String(r.token_id),
    memberId: String(r.member_id),
    idModel: String(r.id_model),
    modelType: String(r.model_type) as WebhookModelType,
    description: String(r.description),
    callbackURL: String(r.callback_url),
    active: r.active === true || Number(r.active) === 1,
    consecutiveFailures: Number(r.consecutive_failures),
    firstConsecutiveFailDate:
      r.first_consecutive_fail_date == null ? null : String(r.first_consecutive_fail_date),
    createdAt: String(r.created_at),
  };
}

export function readDelivery(r: Row): WebhookDelivery {
  return {
    id: Number(r.id),
    webhookId: String(r.webhook_id),
    actionId: String(r.action_id),
    boardId: String(r.board_id),
    body: String(r.body),
    attempts: Number(r.attempts),
    nextAt: Number(r.next_at),
  };
}

/** Groups deliveries (ordered by id) by webhook, keeping each group's order and `perWebhook` at most. */
export function groupByWebhook(rows: readonly WebhookDelivery[], perWebhook: number): WebhookDelivery[][] {
  const groups = new Map<string, WebhookDelivery[]>();
  for (const d of rows) {
    const group = groups.get(d.webhookId) ?? [];
    if (group.length < perWebhook) group.push(d);
    groups.set(d.webhookId, group);
  }
  return [...groups.values()];
}

/** The column names of a patch. */
export const PATCH_COLUMNS = {
  idModel: "id_model",
  modelType: "model_type",
  description: "description",
  callbackURL: "callback_url",
  active: "active",
} as const;
