// Checklists with their items, states, due dates and assignees. Trello's board export lists them
// at the top level (`checklists[]` with `idCard`); exports made through the API may nest them in
// cards instead. Both are read; a checklist whose card is not in the export is reported, not kept
// (it would hang from nothing).
import type { Checklist } from "@tack/shared/models";
import type { TrelloBoardExport, TrelloChecklist } from "@tack/shared/trello-export";
import { few, type PlanContext, tackMemberOf } from "./plan.ts";
import { positionsInOrder } from "./positions.ts";

export function planChecklists(ctx: PlanContext, exported: TrelloBoardExport): Checklist[] {
  const cardIds = new Set(exported.cards.map((c) => c.id));
  const found = new Map<string, { checklist: TrelloChecklist; oldCard: string | null }>();
  for (const checklist of exported.checklists)
    found.set(checklist.id, { checklist, oldCard: checklist.idCard });
  for (const card of exported.cards)
    for (const checklist of card.checklists)
      if (!found.has(checklist.id)) found.set(checklist.id, { checklist, oldCard: card.id });

  const byCard = new Map<string, TrelloChecklist[]>();
  const homeless: string[] = [];
  for (const { checklist, oldCard } of found.values()) {
    if (oldCard === null || !cardIds.has(oldCard)) {
      homeless.push(checklist.name || checklist.id);
      continue;
    }
    const siblings = byCard.get(oldCard);
    if (siblings) siblings.push(checklist);
    else byCard.set(oldCard, [checklist]);
  }
  if (homeless.length > 0)
    ctx.warn(
      "checklists_without_card",
      `${homeless.length} checklist(s) belonged to cards the export does not hold and were left out: ${few(homeless)}.`,
    );

  const checklists: Checklist[] = [];
  for (const [oldCard, siblings] of byCard) {
    const idCard = ctx.ids.id(oldCard);
    const positions = positionsInOrder(siblings, (c) => c.pos);
    for (const checklist of siblings) {
      const id = ctx.ids.id(checklist.id);
      const itemPositions = positionsInOrder(checklist.checkItems, (i) => i.pos);
      checklists.push({
        id,
        idBoard: ctx.boardId,
        idCard,
        name: checklist.name,
        pos: positions.get(checklist)!,
        checkItems: checklist.checkItems.map((item) => {
          const itemId = ctx.ids.id(item.id);
          const member = tackMemberOf(ctx, item.idMember);
          return {
            id: itemId,
            idChecklist: id,
            name: item.name,
            pos: itemPositions.get(item)!,
            state: item.state,
            due: item.due,
            idMember: member?.id ?? null,
          };
        }),
      });
    }
  }
  return checklists;
}
