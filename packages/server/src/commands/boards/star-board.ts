// Starring or unstarring a board: a flag on the caller's own membership.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Membership } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";

export interface StarBoardArgs {
  readonly starred: boolean;
}

export const starBoard = defineCommand({
  kind: "starBoard",
  async run(tx, { starred }: StarBoardArgs, { actor, rec }): Promise<Membership> {
    const existing = (await tx.memberships()).find((m) => m.idMember === actor.memberId);
    if (!existing) throw new TackError(ErrorCode.forbidden, "Join the board to star it");
    const membership = { ...existing, starred };
    await tx.putMembership(membership);
    await rec.record(
      starred ? "starBoard" : "unstarBoard",
      { board: boardRef(tx.board()) },
      { memberships: [membership] },
    );
    return membership;
  },
  replay: (change) => change.models.memberships![0]!,
});
