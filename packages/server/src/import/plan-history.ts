// Trello's activity becomes the new board's first actions, oldest first, each with its original
// type and date. Comments (which exist only as `commentCard` actions) stay comments: they show on
// their card and their author can edit them. Each is recorded as its author: the importer, or the
// author's placeholder (an action with no author at all is the importer's).
import type { TrelloAction, TrelloBoardExport } from "@tack/shared/trello-export";
import type { ActionDraft } from "../store/store.ts";
import { type PlanContext, tackMemberOf } from "./plan.ts";
import { remapData } from "./remap-data.ts";

/** Oldest first. Trello exports newest first, so among equal dates the later entry is the older. */
function chronological(actions: readonly TrelloAction[]): TrelloAction[] {
  return actions
    .map((action, index) => ({ action, index, time: Date.parse(action.date) }))
    .sort((a, b) => a.time - b.time || b.index - a.index)
    .map((entry) => entry.action);
}

/** Comments per (old) card id, for the cards' comment badges. */
export function countComments(exported: TrelloBoardExport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const action of exported.actions) {
    if (action.type !== "commentCard") continue;
    const card = action.data.card as { id?: unknown } | undefined;
    if (typeof card?.id === "string") counts.set(card.id, (counts.get(card.id) ?? 0) + 1);
  }
  return counts;
}

export function planHistory(ctx: PlanContext, exported: TrelloBoardExport): ActionDraft[] {
  const indexOf = new Map(exported.actions.map((a, i) => [a, i]));
  return chronological(exported.actions).map((action) => {
    const field = `actions.${indexOf.get(action)}.data`;
    const data = remapData(action.data, ctx.ids, field);
    const trelloCreator = action.idMemberCreator ?? action.memberCreator?.id ?? null;
    const creator = tackMemberOf(ctx, trelloCreator);
    const card = data.card as { id?: unknown } | undefined;
    const time = Date.parse(action.date);
    return {
      id: ctx.ids.id(action.id, time),
      type: action.type,
      memberId: creator?.id ?? ctx.importerId,
      date: action.date,
      data,
      models: {},
      cardId: typeof card?.id === "string" ? card.id : null,
    };
  });
}
