// Adding and removing one label or one member on a card, with Trello's own action types
// (addLabelToCard, removeMemberFromCard, …) rather than a generic updateCard.
import { invalid, notFound } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, labelRef } from "../refs.ts";
import { checkCardLabels, checkCardMembers } from "./card-rules.ts";

export type CardRelation = "label" | "member";

export interface SetCardRelationArgs {
  readonly cardId: string;
  readonly relation: CardRelation;
  /** The label's or member's id. */
  readonly targetId: string;
  /** Put it on the card (true) or take it off (false). */
  readonly present: boolean;
}

const fieldOf = (relation: CardRelation) => (relation === "label" ? "idLabels" : "idMembers");

/** The card's label or member ids after the change. */
export const setCardRelation = defineCommand({
  kind: ({ present, relation }: SetCardRelationArgs) =>
    `${present ? "add" : "remove"}CardRelation:${relation}`,
  async run(
    tx,
    { cardId, relation, targetId, present }: SetCardRelationArgs,
    { ctx, rec },
  ): Promise<string[]> {
    const field = fieldOf(relation);
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
  replay: (change, { relation }) => change.models.cards?.[0]?.[fieldOf(relation)] ?? [],
});
