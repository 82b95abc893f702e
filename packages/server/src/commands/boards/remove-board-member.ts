// Board membership: invite an existing account, change a role, remove someone, star a board.
// Removing the last admin is refused, so a board can never be left without one.
import { notFound } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { ensureAnotherAdmin, memberRef } from "./board-member-rules.ts";

export async function removeBoardMember(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  memberId: string,
  mutationId: string | null,
): Promise<void> {
  const member = await ctx.store.memberById(memberId);
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "removeBoardMember",
      async run(tx, rec) {
        const existing = (await tx.memberships()).find((m) => m.idMember === memberId);
        if (!existing || !member) throw notFound("member");
        if (existing.memberType === "admin") await ensureAnotherAdmin(tx, memberId);
        await tx.removeMembership(memberId);
        // Trello also takes the person off every card of the board.
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
    },
    { mutationId },
  );
}
