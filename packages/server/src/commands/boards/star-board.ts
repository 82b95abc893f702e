// Board membership: invite an existing account, change a role, remove someone, star a board.
// Removing the last admin is refused, so a board can never be left without one.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";

export async function starBoard(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  starred: boolean,
): Promise<void> {
  return mutate(ctx, actor, boardId, {
    kind: "starBoard",
    async run(tx, rec) {
      const existing = (await tx.memberships()).find((m) => m.idMember === actor.memberId);
      if (!existing) throw new TackError(ErrorCode.forbidden, "Join the board to star it");
      const membership = { ...existing, starred };
      await tx.putMembership(membership);
      await rec.record(
        starred ? "starBoard" : "unstarBoard",
        { board: boardRef(tx.board()) },
        { memberships: [membership] },
      );
    },
    replay: () => undefined,
  });
}
