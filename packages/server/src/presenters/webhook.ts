import type { WebhookRecord } from "../store/webhook-store.ts";

/** A webhook as Trello shows it. */
export const presentWebhook = (w: WebhookRecord) => ({
  id: w.id,
  description: w.description,
  idModel: w.idModel,
  callbackURL: w.callbackURL,
  active: w.active,
  consecutiveFailures: w.consecutiveFailures,
  firstConsecutiveFailDate: w.firstConsecutiveFailDate,
});
