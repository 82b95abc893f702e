// Joining a board through an invitation or a join link. An e-mail invitation is used up as it is
// read (store.redeemInvitation), so its link works once; a join link works until an admin turns it
// off. Someone already on the board keeps their role: a link never demotes (or promotes) anyone.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { Board, Member, Membership } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import { sha256 } from "../../auth/secrets.ts";
import type { AppContext } from "../../context.ts";
import type { InvitationRecord } from "../../store/store.ts";
import { boardRef, mutate } from "../mutate.ts";
import { memberRef } from "./board-member-rules.ts";
import { invitationGone, isLive, isTokenShaped } from "./invitation-rules.ts";

export interface InvitationPreview {
  invitation: InvitationRecord;
  board: Board;
  inviter: Member | null;
}

/** What an invitation link leads to, without using it (the page shown before joining or signing up). */
export async function previewInvitation(ctx: AppContext, token: string): Promise<InvitationPreview> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.invitationByHash(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const found = await ctx.store.boardById(invitation.boardId);
  if (!found) throw invitationGone();
  return { invitation, board: found.board, inviter: await ctx.store.memberById(invitation.invitedBy) };
}

/** Makes the actor a member of the invitation's board; returns the board. */
export async function acceptInvitation(ctx: AppContext, actor: MemberActor, token: string): Promise<Board> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.redeemInvitation(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const member = await ctx.store.memberById(actor.memberId);
  if (!member) throw invitationGone();
  try {
    return await mutate(
      ctx,
      actor,
      invitation.boardId,
      {
        kind: "acceptInvitation",
        async run(tx, rec) {
          const memberships = await tx.memberships();
          if (memberships.some((m) => m.idMember === member.id)) return tx.board();
          if (memberships.length >= Limits.membersPerBoard)
            throw new TackError(
              ErrorCode.limitExceeded,
              `A board can have at most ${Limits.membersPerBoard} members`,
            );
          const membership: Membership = {
            id: newId(),
            idMember: member.id,
            memberType: invitation.role,
            starred: false,
          };
          await tx.putMembership(membership);
          await rec.record(
            "addMemberToBoard",
            {
              board: boardRef(tx.board()),
              idMemberAdded: member.id,
              member: memberRef(member),
              memberType: invitation.role,
              method: invitation.kind === "link" ? "joinLink" : "invitation",
            },
            { memberships: [membership], members: [member] },
          );
          return tx.board();
        },
        replay: () => {
          throw invitationGone();
        },
      },
      {},
    );
  } catch (error) {
    // Nothing joined: an e-mail invitation used up by this attempt goes back, still valid.
    if (invitation.kind === "email") await ctx.store.insertInvitation(invitation).catch(() => undefined);
    throw error;
  }
}
