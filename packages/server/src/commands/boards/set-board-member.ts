// Adding an existing account to a board or changing a member's role. Demoting the last admin is
// refused, so a board can never be left without one.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { BoardRole, Member, Membership } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { ensureAnotherAdmin, memberRef } from "./board-member-rules.ts";

export interface SetBoardMemberArgs {
  readonly member: Member;
  readonly role: BoardRole;
}

export const setBoardMember = defineCommand({
  kind: "setBoardMember",
  async run(tx, { member, role }: SetBoardMemberArgs, { boardId, rec }): Promise<Membership> {
    // A placeholder (an imported person, no login) belongs to its own board only.
    if (member.placeholder && member.placeholder.idBoard !== boardId) throw notFound("member");
    const memberships = await tx.memberships();
    const existing = memberships.find((m) => m.idMember === member.id);
    if (!existing && memberships.length >= Limits.membersPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.membersPerBoard} members`,
      );
    }
    if (existing?.memberType === "admin" && role !== "admin") await ensureAnotherAdmin(tx, member.id);
    const membership: Membership = existing
      ? { ...existing, memberType: role }
      : { id: newId(), idMember: member.id, memberType: role, starred: false };
    await tx.putMembership(membership);
    const type = !existing
      ? "addMemberToBoard"
      : role === "admin"
        ? "makeAdminOfBoard"
        : role === "observer"
          ? "makeObserverOfBoard"
          : "makeNormalMemberOfBoard";
    await rec.record(
      type,
      {
        board: boardRef(tx.board()),
        idMemberAdded: member.id,
        member: memberRef(member),
        memberType: role,
      },
      { memberships: [membership], members: [member] },
    );
    return membership;
  },
  replay: (change) => change.models.memberships![0]!,
});
