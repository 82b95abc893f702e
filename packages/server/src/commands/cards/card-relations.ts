// Adding and removing one label or one member on a card, with Trello's own action types
// (addLabelToCard, removeMemberFromCard, …) rather than a generic updateCard.
import { invalid, notFound } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { cardRef, labelRef } from "../refs.ts";
import { checkCardLabels, checkCardMembers } from "./card-rules.ts";

export type CardRelation = "label" | "member";

export async function setCardRelation(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  cardId: string,
  relation: CardRelation,
  targetId: string,
  present: boolean,
  mutationId: string | null,
): Promise<string[]> {
  const field = relation === "label" ? "idLabels" : "idMembers";
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: `${present ? "add" : "remove"}CardRelation:${relation}`,
      async run(tx, rec) {
        const card = await tx.get("card", cardId);
        if (!card) throw notFound("card");
        const current = card[field];
        if (present) {
          if (current.includes(targetId)) throw invalid("value", `that ${relation} is already on the card`);
          if (relation === "label") await checkCardLabels(tx, [targetId]);
          else await checkCardMembers(tx, [targetId]);
        } else if (!current.includes(targetId)) {
          throw notFound(relation);
        }
        const after: Card = {
          ...card,
          [field]: present ? [...current, targetId] : current.filter((id) => id !== targetId),
          dateLastActivity: rec.now,
        };
        await tx.put("card", after);
        const data: Record<string, unknown> = { board: boardRef(tx.board()), card: cardRef(after) };
        let type: string;
        if (relation === "label") {
          const label = await tx.get("label", targetId);
          if (label) data.label = labelRef(label);
          type = present ? "addLabelToCard" : "removeLabelFromCard";
        } else {
          const member = await ctx.store.memberById(targetId);
          data.idMember = targetId;
          if (member) data.member = { id: member.id, name: member.fullName || member.username };
          type = present ? "addMemberToCard" : "removeMemberFromCard";
        }
        await rec.record(type, data, { cards: [after] }, { cardId });
        return after[field];
      },
      replay: (change) => change.models.cards?.[0]?.[field] ?? [],
    },
    { mutationId },
  );
}
