// What webhooks keep durably (docs/decisions/0028-webhooks-delivery.md): the webhooks themselves,
// each owned by the API token that made it (Trello's model), and the deliveries fanned out to them
// from the outbox, one row per webhook and action, sent in order per webhook with retries.
// Implemented by both adapters (sqlite/webhooks.ts, postgres/webhooks.ts).

export type WebhookModelType = "board" | "list" | "card" | "member";

export interface WebhookRecord {
  id: string;
  /** The API token that made it: only that token sees it, and it dies with the token. */
  tokenId: string;
  /** The token's member: deliveries carry only what this person may read. */
  memberId: string;
  idModel: string;
  modelType: WebhookModelType;
  description: string;
  callbackURL: string;
  active: boolean;
  consecutiveFailures: number;
  firstConsecutiveFailDate: string | null;
  createdAt: string;
}

/** A webhook to insert: the store stamps its `createdAt` (`insertWebhook`). */
export type NewWebhook = Omit<WebhookRecord, "createdAt">;

/** One action to send to one webhook: the body is fixed when fanned out, so every retry signs the same bytes. */
export interface WebhookDelivery {
  id: number;
  webhookId: string;
  actionId: string;
  boardId: string;
  body: string;
  attempts: number;
  /** Epoch ms before which it is not tried again (backoff after a failure). */
  nextAt: number;
}

export interface DeliveryDraft {
  webhookId: string;
  actionId: string;
  boardId: string;
  body: string;
}

/** What an attempt that failed does to its webhook. */
export interface FailureOutcome {
  /** Epoch ms of the next try, or null: the delivery is given up. */
  retryAt: number | null;
  /** When set, the webhook is switched off (too many consecutive failures) and its queue dropped. */
  disable: boolean;
}

export type WebhookPatch = Partial<
  Pick<WebhookRecord, "idModel" | "modelType" | "description" | "callbackURL" | "active">
>;

export interface WebhookStore {
  /**
   * Inserts a webhook, stamped `createdAt` by the store at the moment board writes can no longer
   * miss it (a write that records actions queues their fan-out only while webhooks exist: issue
   * 16, decision 0036); null when the token already has one with this model and callback.
   */
  insertWebhook(webhook: NewWebhook): Promise<WebhookRecord | null>;
  /** A webhook whose token still works (not revoked, not expired), or null. */
  webhookById(id: string): Promise<WebhookRecord | null>;
  webhooksOfToken(tokenId: string): Promise<WebhookRecord[]>;
  /** Applies the patch; false when the change would duplicate another webhook of the token. */
  updateWebhook(id: string, patch: WebhookPatch): Promise<boolean>;
  deleteWebhook(id: string): Promise<boolean>;
  /** Active webhooks with a live token watching any of these model ids. */
  activeWebhooksOn(modelIds: readonly string[]): Promise<WebhookRecord[]>;

  /** Queues deliveries; one per (webhook, action), so a redelivered outbox entry adds nothing. */
  insertDeliveries(drafts: readonly DeliveryDraft[]): Promise<void>;
  /** Per webhook with anything pending, its oldest pending deliveries (at most `perWebhook`), in order. */
  pendingDeliveries(perWebhook: number, webhooks: number): Promise<WebhookDelivery[][]>;
  /**
   * Marks deliveries done, in one write: `delivered` were accepted by their receiver (which resets
   * their webhooks' failure counts), `dropped` were not sent (owner lost access, webhook off).
   */
  deliveriesDone(delivered: readonly number[], dropped: readonly number[]): Promise<void>;
  /**
   * Counts a failed attempt on the delivery and its webhook, in one transaction: `decide` gets the
   * counts after this failure and says whether to retry and whether to disable the webhook.
   */
  deliveryFailed(
    id: number,
    at: string,
    decide: (state: {
      attempts: number;
      consecutiveFailures: number;
      firstConsecutiveFailDate: string;
    }) => FailureOutcome,
  ): Promise<FailureOutcome>;

  /** The install's secret named `name`, made from `fresh` the first time (all processes agree). */
  installSecret(name: string, fresh: string): Promise<string>;
}
