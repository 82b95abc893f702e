// Using an invitation link: what it leads to (shown before joining or signing up), and joining its
// board or workspace. An e-mail invitation is used up as it is read (store.redeemInvitation), so
// its link works once; if joining then fails, it goes back, still valid. A join link works until
// turned off.
import type { Board, Member, Organization } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import { sha256 } from "../auth/secrets.ts";
import { acceptInvitation } from "../commands/boards/accept-invitation.ts";
import { invitationGone, isLive, isTokenShaped } from "../commands/boards/invitation-rules.ts";
import { execute } from "../commands/command.ts";
import type { AppContext } from "../context.ts";
import type { InvitationRecord } from "../store/store.ts";

/** Where an invitation leads. */
export type InvitedInto =
  | { board: Board; organization?: never }
  | { organization: Organization; board?: never };

export type InvitationPreview = InvitedInto & {
  invitation: InvitationRecord;
  inviter: Member | null;
};

async function placeOf(ctx: AppContext, invitation: InvitationRecord): Promise<InvitedInto> {
  if (invitation.target.kind === "board") {
    const found = await ctx.store.boardById(invitation.target.id);
    if (!found) throw invitationGone();
    return { board: found.board };
  }
  const organization = await ctx.store.organizationById(invitation.target.id);
  if (!organization) throw invitationGone();
  return { organization };
}

/** What an invitation link leads to, without using it. */
export async function previewInvitation(ctx: AppContext, token: string): Promise<InvitationPreview> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.invitationByHash(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const place = await placeOf(ctx, invitation);
  return { ...place, invitation, inviter: await ctx.store.memberById(invitation.invitedBy) };
}

/** Makes the actor a member of the invitation's board or workspace; returns where they joined. */
export async function joinThroughInvitation(
  ctx: AppContext,
  actor: MemberActor,
  token: string,
): Promise<InvitedInto> {
  if (!isTokenShaped(token)) throw invitationGone();
  const invitation = await ctx.store.redeemInvitation(sha256(token));
  if (!invitation || !isLive(invitation)) throw invitationGone();
  const member = await ctx.store.memberById(actor.memberId);
  if (!member) throw invitationGone();
  try {
    if (invitation.target.kind === "organization") return await joinOrganization(ctx, invitation, member);
    const boardId = invitation.target.id;
    return { board: await execute(ctx, acceptInvitation, { actor, boardId, invitation, member }) };
  } catch (error) {
    // Nothing joined: an e-mail invitation used up by this attempt goes back, still valid.
    if (invitation.kind === "email") await ctx.store.insertInvitation(invitation).catch(() => undefined);
    throw error;
  }
}

/** Someone already in the workspace keeps their role: an invitation never demotes (or promotes). */
async function joinOrganization(
  ctx: AppContext,
  invitation: InvitationRecord,
  member: Member,
): Promise<InvitedInto> {
  const place = await placeOf(ctx, invitation);
  const orgId = invitation.target.id;
  const memberships = await ctx.store.organizationMemberships(orgId);
  if (!memberships.some((m) => m.memberId === member.id))
    await ctx.store.addOrganizationMember(orgId, member.id, invitation.role === "admin" ? "admin" : "normal");
  return place;
}
