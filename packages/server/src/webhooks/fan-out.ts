// The outbox handler of the "webhook" topic: for each action of a committed write, which webhooks
// watch it (the board, a list it touches, its card, the member who did it or to whom it was done),
// whose owner may read the board now, and one delivery per webhook with Trello's body
// `{action, model, webhook}` (model = the watched model as it stands now). Deliveries are unique per
// (webhook, action), so a redelivered outbox entry queues nothing twice; the sender
// (sender.ts) sends them in order per webhook.
import type { Action } from "@tack/shared/models";
import { canReadBoard } from "@tack/shared/permissions";
import type { AppContext } from "../context.ts";
import { presentAction } from "../presenters/action.ts";
import { presentBoard } from "../presenters/board.ts";
import { presentList } from "../presenters/list.ts";
import { presentMember } from "../presenters/member.ts";
import { presentWebhook } from "../presenters/webhook.ts";
import { presentCardById } from "../routes/cards.ts";
import type { OutboxEntry } from "../store/notify-store.ts";
import type { DeliveryDraft, WebhookRecord } from "../store/webhook-store.ts";

const refId = (value: unknown): string | null => {
  const id = (value as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : null;
};

/** The ids of every model an action is about: who watches any of them hears of it. */
export function modelsOf(action: Action & { idBoard: string }): string[] {
  const data = action.data as Record<string, unknown>;
  const ids = [
    action.idBoard,
    action.idMemberCreator,
    refId(data.list),
    refId(data.listBefore),
    refId(data.listAfter),
    refId(data.card),
    refId(data.member),
    typeof data.idMember === "string" ? data.idMember : null,
  ];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

async function presentModel(ctx: AppContext, webhook: WebhookRecord): Promise<unknown> {
  const base = ctx.config.publicUrl;
  const id = webhook.idModel;
  switch (webhook.modelType) {
    case "board": {
      const found = await ctx.store.boardById(id);
      return found ? presentBoard(base, found.board) : { id };
    }
    case "list": {
      const list = await ctx.store.objectById("list", id);
      return list ? presentList(list) : { id };
    }
    case "card":
      return (await presentCardById(ctx, id).catch(() => null)) ?? { id };
    case "member": {
      const member = await ctx.store.memberById(id);
      return member ? presentMember(base, member) : { id };
    }
  }
}

export function webhookFanOut(ctx: AppContext, queued: () => void): (entry: OutboxEntry) => Promise<void> {
  const { store } = ctx;
  return async (entry) => {
    const ids = Array.isArray(entry.payload.actions) ? entry.payload.actions : [];
    const drafts: DeliveryDraft[] = [];
    for (const actionId of ids) {
      if (typeof actionId !== "string") continue;
      const action = await store.actionById(actionId);
      if (!action) continue; // its board was deleted since
      const webhooks = await store.webhooks.activeWebhooksOn(modelsOf(action));
      if (webhooks.length === 0) continue;
      const [creator] = await store.membersByIds([action.idMemberCreator]);
      const presented = presentAction(ctx.config.publicUrl, action, creator);
      const readable = new Map<string, boolean>();
      // Many webhooks often watch one model (the board): present it once per action.
      const models = new Map<string, Promise<unknown>>();
      const modelOf = (webhook: WebhookRecord): Promise<unknown> => {
        let model = models.get(webhook.idModel);
        if (!model) {
          model = presentModel(ctx, webhook);
          models.set(webhook.idModel, model);
        }
        return model;
      };
      for (const webhook of webhooks) {
        // A webhook hears of what happens after it was made, as in Trello: a write committed before
        // it, whose outbox entry is fanned out late (a busy or restarting worker), is not sent.
        if (action.date < webhook.createdAt) continue;
        // Only what the owner may read now: a webhook never carries a board its owner cannot see.
        let may = readable.get(webhook.memberId);
        if (may === undefined) {
          const found = await store.boardAccess(action.idBoard, webhook.memberId);
          may = found !== null && canReadBoard(found.access);
          readable.set(webhook.memberId, may);
        }
        if (!may) continue;
        const body = JSON.stringify({
          action: presented,
          model: await modelOf(webhook),
          webhook: presentWebhook(webhook),
        });
        drafts.push({ webhookId: webhook.id, actionId: action.id, boardId: action.idBoard, body });
      }
    }
    if (drafts.length === 0) return;
    await store.webhooks.insertDeliveries(drafts);
    queued();
  };
}
