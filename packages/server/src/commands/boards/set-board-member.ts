// Board membership: invite an existing account, change a role, remove someone, star a board.
// Removing the last admin is refused, so a board can never be left without one.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { BoardRole, Member, Membership } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { ensureAnotherAdmin, memberRef } from "./board-member-rules.ts";

export async function setBoardMember(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  member: Member,
  role: BoardRole,
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "setBoardMember",
      async run(tx, rec) {
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
        const type = existing ? "makeNormalMemberOfBoard" : "addMemberToBoard";
        await rec.record(
          existing && role === "admin"
            ? "makeAdminOfBoard"
            : existing && role === "observer"
              ? "makeObserverOfBoard"
              : type,
          {
            board: boardRef(tx.board()),
            idMemberAdded: member.id,
            member: memberRef(member),
            memberType: role,
          },
          { memberships: [membership], members: [member] },
        );
        return membership.id;
      },
      replay: (change) => change.models.memberships?.[0]?.id ?? "",
    },
    { mutationId },
  );
}
