// Using an invitation link: what it leads to (shown before joining or signing up), and joining its
// board. An e-mail invitation is used up as it is read (store.redeemInvitation), so its link works
// once; if joining then fails, it goes back, still valid. A join link works until turned off.
import type { Board, Member } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import { sha256 } from "../auth/secrets.ts";
import { acceptInvitation } from "../commands/boards/accept-invitation.ts";
import { invitationGone, isLive, isTokenShaped } from "../commands/boards/invitation-rules.ts";
import { execute } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import type { InvitationRecord } from "../store/store.ts";

export interface InvitationPreview {
  invitation: InvitationRecord;
  board: Board;
  inviter: Member | null;
}

/** What an invitation link leads to, without using it. */
export async function previewInvitation(ctx: AppContext, token: string): Promise<InvitationPreview> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.invitationByHash(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const found = await ctx.store.boardById(invitation.boardId);
  if (!found) throw invitationGone();
  return { invitation, board: found.board, inviter: await ctx.store.memberById(invitation.invitedBy) };
}

/** Makes the actor a member of the invitation's board; returns the board. */
export async function joinThroughInvitation(
  ctx: AppContext,
  actor: MemberActor,
  token: string,
): Promise<Board> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.redeemInvitation(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const member = await ctx.store.memberById(actor.memberId);
  if (!member) throw invitationGone();
  try {
    return await execute(ctx, acceptInvitation, { actor, boardId: invitation.boardId, invitation, member });
  } catch (error) {
    // Nothing joined: an e-mail invitation used up by this attempt goes back, still valid.
    if (invitation.kind === "email") await ctx.store.insertInvitation(invitation).catch(() => undefined);
    throw error;
  }
}
