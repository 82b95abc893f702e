// Trello's webhooks (docs/decisions/0028-webhooks-delivery.md). A webhook belongs to the API token
// that made it: made with a key and token (`/1/webhooks…`) or by naming the token in the path
// (`/1/tokens/{token}/webhooks…`, where the token itself is the credential, as in Trello), and only
// that token sees, changes or deletes it. Creating one, or pointing it elsewhere, first sends a
// HEAD to the callback, which must answer 200; callbacks may not reach private addresses
// (webhooks/callback-guard.ts).
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { canReadBoard } from "@tack/shared/permissions";
import { createWebhookInput, updateWebhookInput } from "@tack/shared/schemas";
import type { z } from "zod";
import type { Actor } from "../auth/actor.ts";
import { sha256 } from "../auth/secrets.ts";
import { presentWebhook } from "../presenters/webhook.ts";
import type { NewWebhook, WebhookModelType, WebhookPatch, WebhookRecord } from "../store/webhook-store.ts";
import { CallbackRefused } from "../webhooks/callback-guard.ts";
import type { Webhooks } from "../webhooks/webhooks.ts";
import { type Api, singleFieldRoutes } from "./api.ts";

interface Owner {
  tokenId: string;
  memberId: string;
}

const DUPLICATE = "A webhook with that callback, model, and token already exists";
const WEBHOOK_FIELDS = ["active", "callbackURL", "description", "idModel"] as const;

export function webhookRoutes(api: Api, webhooks: Webhooks): void {
  const { ctx } = api;
  const { store } = ctx;

  /** The token a `/1/webhooks` call was made with. */
  function callerToken(actor: Actor): Owner {
    if (actor.kind === "member" && actor.via === "token")
      return { tokenId: actor.tokenId, memberId: actor.memberId };
    throw new TackError(
      ErrorCode.unauthenticated,
      "Webhooks belong to the API token that made them: call with a key and token",
    );
  }

  /** The token named in a `/1/tokens/{token}/…` path: knowing it is the credential. */
  async function pathToken(token: string): Promise<Owner> {
    const record = /^[\w-]{16,128}$/.test(token) ? await store.tokenByHash(sha256(token)) : null;
    if (!record || (record.expiresAt !== null && record.expiresAt <= Date.now()))
      throw new TackError(ErrorCode.unauthenticated, "invalid token: pass a live API token in the path");
    return { tokenId: record.id, memberId: record.memberId };
  }

  async function ownWebhook(owner: Owner, id: string): Promise<WebhookRecord> {
    const webhook = /^[0-9a-f]{24}$/.test(id) ? await store.webhooks.webhookById(id) : null;
    // Another token's webhook answers like a missing one.
    if (!webhook || webhook.tokenId !== owner.tokenId) throw notFound("webhook");
    return webhook;
  }

  /** What the id names, if the owner may read it: a webhook watches only what its owner can see. */
  async function modelTypeOf(owner: Owner, idModel: string): Promise<WebhookModelType> {
    const board = await store.boardAccess(idModel, owner.memberId);
    if (board && board.boardId === idModel && canReadBoard(board.access)) return "board";
    for (const kind of ["list", "card"] as const) {
      const found = await store.objectAccess(kind, idModel, owner.memberId);
      if (found && found.object.id === idModel && canReadBoard(found.access)) return kind;
    }
    if (await store.memberById(idModel)) return "member";
    throw invalid("idModel", "invalid value for idModel: name a board, list, card or member you can read");
  }

  /** Trello's check: the callback must answer a HEAD with 200. */
  async function checkCallback(callbackURL: string): Promise<void> {
    let status: number;
    try {
      status = await webhooks.probe(callbackURL);
    } catch (error) {
      if (error instanceof CallbackRefused) throw invalid("callbackURL", error.message);
      const reason = error instanceof Error ? error.message : String(error);
      throw invalid(
        "callbackURL",
        `URL (${callbackURL}) did not return 200 status code, got no answer (${reason})`,
      );
    }
    if (status !== 200)
      throw invalid("callbackURL", `URL (${callbackURL}) did not return 200 status code, got ${status}`);
  }

  async function create(owner: Owner, input: z.output<typeof createWebhookInput>) {
    const modelType = await modelTypeOf(owner, input.idModel);
    if ((await store.webhooks.webhooksOfToken(owner.tokenId)).some((w) => sameTarget(w, input)))
      throw invalid("callbackURL", DUPLICATE);
    await checkCallback(input.callbackURL);
    const webhook: NewWebhook = {
      id: newId(),
      tokenId: owner.tokenId,
      memberId: owner.memberId,
      idModel: input.idModel,
      modelType,
      description: input.description ?? "",
      callbackURL: input.callbackURL,
      active: input.active ?? true,
      consecutiveFailures: 0,
      firstConsecutiveFailDate: null,
    };
    const stored = await store.webhooks.insertWebhook(webhook);
    if (!stored) throw invalid("callbackURL", DUPLICATE);
    return presentWebhook(stored);
  }

  async function update(owner: Owner, id: string, input: z.output<typeof updateWebhookInput>) {
    const webhook = await ownWebhook(owner, id);
    const patch: WebhookPatch = {};
    if (input.idModel !== undefined && input.idModel !== webhook.idModel) {
      patch.modelType = await modelTypeOf(owner, input.idModel);
      patch.idModel = input.idModel;
    }
    if (input.callbackURL !== undefined && input.callbackURL !== webhook.callbackURL) {
      await checkCallback(input.callbackURL);
      patch.callbackURL = input.callbackURL;
    }
    if (input.description !== undefined) patch.description = input.description;
    if (input.active !== undefined) patch.active = input.active;
    if (!(await store.webhooks.updateWebhook(webhook.id, patch))) throw invalid("callbackURL", DUPLICATE);
    return presentWebhook((await store.webhooks.webhookById(webhook.id)) ?? webhook);
  }

  async function remove(owner: Owner, id: string) {
    const webhook = await ownWebhook(owner, id);
    await store.webhooks.deleteWebhook(webhook.id);
    return { _value: null };
  }

  // With a key and token.
  api.define({
    method: "POST",
    path: "/1/webhooks",
    summary: "Create a webhook (its callback must answer a HEAD with 200)",
    input: createWebhookInput,
    access: { who: "member" },
    handler: ({ actor, input }) => create(callerToken(actor), input),
  });

  api.define({
    method: "GET",
    path: "/1/webhooks/:id",
    summary: "A webhook of the calling token",
    access: { who: "member" },
    handler: async ({ actor, params }) => presentWebhook(await ownWebhook(callerToken(actor), params.id)),
  });

  api.define({
    method: "GET",
    path: "/1/webhooks/:id/:field",
    summary: "One field of a webhook of the calling token",
    access: { who: "member" },
    handler: async ({ actor, params }) => {
      const presented: Record<string, unknown> = presentWebhook(
        await ownWebhook(callerToken(actor), params.id),
      );
      if (params.field === "id" || !(params.field in presented))
        throw invalid("field", `${params.field} is not a field of a webhook`);
      return { _value: presented[params.field] };
    },
  });

  api.define({
    method: "PUT",
    path: "/1/webhooks/:id",
    summary: "Change a webhook of the calling token",
    input: updateWebhookInput,
    access: { who: "member" },
    handler: ({ actor, params, input }) => update(callerToken(actor), params.id, input),
  });

  singleFieldRoutes(api, {
    path: "/1/webhooks/:id",
    noun: "webhook",
    fields: WEBHOOK_FIELDS,
    schema: updateWebhookInput,
    access: () => ({ who: "member" }) as const,
    handler: ({ actor, params, input }) => update(callerToken(actor), params.id, input),
  });

  api.define({
    method: "DELETE",
    path: "/1/webhooks/:id",
    summary: "Delete a webhook of the calling token",
    access: { who: "member" },
    handler: ({ actor, params }) => remove(callerToken(actor), params.id),
  });

  // With the token in the path.
  api.define({
    method: "POST",
    path: "/1/tokens/:token/webhooks",
    summary: "Create a webhook for this token (its callback must answer a HEAD with 200)",
    input: createWebhookInput,
    access: { who: "anyone" },
    handler: async ({ params, input }) => create(await pathToken(params.token), input),
  });

  api.define({
    method: "GET",
    path: "/1/tokens/:token/webhooks",
    summary: "The webhooks of this token",
    access: { who: "anyone" },
    handler: async ({ params }) =>
      (await store.webhooks.webhooksOfToken((await pathToken(params.token)).tokenId)).map(presentWebhook),
  });

  api.define({
    method: "GET",
    path: "/1/tokens/:token/webhooks/:idWebhook",
    summary: "A webhook of this token",
    access: { who: "anyone" },
    handler: async ({ params }) =>
      presentWebhook(await ownWebhook(await pathToken(params.token), params.idWebhook)),
  });

  api.define({
    method: "PUT",
    path: "/1/tokens/:token/webhooks/:idWebhook",
    summary: "Change a webhook of this token",
    input: updateWebhookInput,
    access: { who: "anyone" },
    handler: async ({ params, input }) => update(await pathToken(params.token), params.idWebhook, input),
  });

  api.define({
    method: "DELETE",
    path: "/1/tokens/:token/webhooks/:idWebhook",
    summary: "Delete a webhook of this token",
    access: { who: "anyone" },
    handler: async ({ params }) => remove(await pathToken(params.token), params.idWebhook),
  });

  // Trello shows an application's secret on its app key page; a Tack token is its own application.
  api.define({
    method: "GET",
    path: "/1/members/me/tokens/:idToken/webhookSecret",
    summary: "The secret that signs your token's webhook deliveries (X-Trello-Webhook)",
    access: { who: "member" },
    handler: async ({ me, params }) => {
      if (!(await store.tokensOf(me.memberId)).some((t) => t.id === params.idToken)) throw notFound("token");
      return { _value: await webhooks.secretOf(params.idToken) };
    },
  });
}

function sameTarget(webhook: WebhookRecord, input: { callbackURL: string; idModel: string }): boolean {
  return webhook.callbackURL === input.callbackURL && webhook.idModel === input.idModel;
}
