// The X-Trello-Webhook signature and the secret it is keyed with. Trello keys it with the
// application secret of the API key that made the webhook; in Tack a personal token is the
// application, so each token has its own secret, derived from the install's webhook secret
// (TACK_WEBHOOK_SECRET, or one made once and kept in the database), and shown only to the token's
// owner (`GET /1/members/me/tokens`, like Trello's app key page). A receiver of one token's webhooks
// cannot forge another token's deliveries.
import { createHmac, randomBytes } from "node:crypto";
import type { WebhookStore } from "../store/webhook-store.ts";

/** The per-token application secret, 64 hex digits like Trello's. */
export function tokenSecret(installSecret: string, tokenId: string): string {
  return createHmac("sha256", installSecret).update(`webhook:${tokenId}`).digest("hex");
}

/** Trello's X-Trello-Webhook: base64(HMAC-SHA1(secret, body + callbackURL)). */
export function signDelivery(secret: string, body: string, callbackURL: string): string {
  return createHmac("sha1", secret)
    .update(body + callbackURL)
    .digest("base64");
}

/** The install's webhook secret: the operator's, or the one kept in the database (made once). */
export function installSecretSource(
  store: WebhookStore,
  configured: string | undefined,
): () => Promise<string> {
  let known: Promise<string> | null = configured ? Promise.resolve(configured) : null;
  return () => {
    known ??= store.installSecret("webhook", randomBytes(32).toString("hex")).catch((error: unknown) => {
      known = null;
      throw error;
    });
    return known;
  };
}
