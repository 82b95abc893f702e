// Removing someone from a board (an admin, or the person themself). Removing the last admin is
// refused, so a board can never be left without one; Trello also takes the person off every card.
import { notFound } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { ensureAnotherAdmin, memberRef } from "./board-member-rules.ts";

export interface RemoveBoardMemberArgs {
  readonly memberId: string;
}

export const removeBoardMember = defineCommand({
  kind: "removeBoardMember",
  async run(tx, { memberId }: RemoveBoardMemberArgs, { ctx, rec }): Promise<void> {
    const member = await ctx.store.memberById(memberId);
    const existing = (await tx.memberships()).find((m) => m.idMember === memberId);
    if (!existing || !member) throw notFound("member");
    if (existing.memberType === "admin") await ensureAnotherAdmin(tx, memberId);
    await tx.removeMembership(memberId);
    const cards = (await tx.all("card")).filter((c) => c.idMembers.includes(memberId));
    const updated = cards.map((c) => ({ ...c, idMembers: c.idMembers.filter((id) => id !== memberId) }));
    for (const card of updated) await tx.put("card", card);
    await rec.record(
      "removeMemberFromBoard",
      { board: boardRef(tx.board()), idMemberRemoved: memberId, member: memberRef(member) },
      { cards: updated },
      { deleted: [{ kind: "membership", id: existing.id }] },
    );
  },
  replay: () => undefined,
});
