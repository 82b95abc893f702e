// Board membership: invite an existing account, change a role, remove someone, star a board.
// Removing the last admin is refused, so a board can never be left without one.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { BoardRole, Member, Membership } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import type { BoardTx } from "../../store/store.ts";
import { boardRef, mutate } from "../mutate.ts";

const memberRef = (m: Member) => ({ id: m.id, name: m.fullName || m.username });

async function ensureAnotherAdmin(tx: BoardTx, leaving: string): Promise<void> {
  const admins = (await tx.memberships()).filter((m) => m.memberType === "admin" && m.idMember !== leaving);
  if (admins.length === 0)
    throw new TackError(
      ErrorCode.conflict,
      "A board needs at least one admin: make someone else admin first",
    );
}

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

export async function starBoard(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  starred: boolean,
): Promise<void> {
  return mutate(ctx, actor, boardId, {
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
