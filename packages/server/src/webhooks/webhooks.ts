// Webhooks of one process, assembled: the outbox handler that fans each write out to the webhooks
// watching it, the sender (delivering while this process holds the `webhooks` lease), and what the
// routes need (the callback check on create, the per-token secret).
import type { AppContext } from "../context.ts";
import type { OutboxEntry } from "../store/notify-store.ts";
import { type CallbackPolicy, callCallback } from "./callback-guard.ts";
import { webhookFanOut } from "./fan-out.ts";
import { WebhookSender } from "./sender.ts";
import { installSecretSource, tokenSecret } from "./signature.ts";

export interface Webhooks {
  readonly sender: WebhookSender;
  /** The outbox handler of the "webhook" topic. */
  readonly fanOut: (entry: OutboxEntry) => Promise<void>;
  /** Trello's check before creating or re-pointing a webhook: the callback's status to a HEAD. */
  probe(callbackURL: string): Promise<number>;
  /** The application secret of a token's webhooks (its deliveries' signing key). */
  secretOf(tokenId: string): Promise<string>;
  close(): Promise<void>;
}

export function startWebhooks(ctx: AppContext): Webhooks {
  const { config, store, log } = ctx;
  const installSecret = installSecretSource(store.webhooks, config.webhooks.secret);
  const policy: CallbackPolicy = {
    allowPrivate: config.webhooks.allowPrivate,
    allowedAddresses: config.webhooks.allowedAddresses,
  };
  const sender = new WebhookSender(store, {
    holder: config.instanceId,
    config: config.webhooks,
    installSecret,
    onError: (error, delivery) =>
      log.warn(
        { err: error, webhookId: delivery?.webhookId, deliveryId: delivery?.id },
        "webhooks: a delivery failed",
      ),
  });
  sender.start();
  return {
    sender,
    fanOut: webhookFanOut(ctx, () => sender.kick()),
    probe: (callbackURL) =>
      callCallback(callbackURL, { method: "HEAD", timeoutMs: config.webhooks.timeoutMs }, policy),
    secretOf: async (tokenId) => tokenSecret(await installSecret(), tokenId),
    close: () => sender.stop(),
  };
}
