// Workspace membership: admins add people, change roles and remove people; anyone may leave. A
// workspace always keeps an admin (the store refuses the change that would remove the last one).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { Organization } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import type { InvitationRecord, InvitationTarget, OrganizationRole } from "../store/store.ts";
import { type CreatedInvitation, storeInvitation } from "./create-invitation.ts";

export interface ReadableOrganization {
  organization: Organization;
  /** The actor's role in it. */
  role: OrganizationRole;
}

/** A workspace the actor belongs to; any other answers like a missing one (permission before existence). */
export async function readableOrganization(
  ctx: AppContext,
  actor: MemberActor,
  idOrName: string,
): Promise<ReadableOrganization> {
  const organization = await ctx.store.organizationById(idOrName);
  if (!organization) throw notFound("workspace");
  const mine = (await ctx.store.organizationMemberships(organization.id)).find(
    (m) => m.memberId === actor.memberId,
  );
  if (!mine) throw notFound("workspace");
  return { organization, role: mine.role };
}

function ensureAdmin(org: ReadableOrganization): void {
  if (org.role !== "admin")
    throw new TackError(ErrorCode.forbidden, "Only workspace admins can change its members");
}

const invitationTarget = (org: ReadableOrganization): InvitationTarget => ({
  kind: "organization",
  id: org.organization.id,
});

/**
 * Invites an e-mail address into the workspace (admins): a pending invitation whose link signs up
 * or logs in and joins with the role. Nobody is added at once, even when an account uses the
 * address: addresses are not confirmed, so owning one proves nothing, and the answer must not tell
 * the inviter whether anyone has an account with it (the same rule as board invitations).
 */
export async function inviteToOrganization(
  ctx: AppContext,
  actor: MemberActor,
  org: ReadableOrganization,
  request: { email: string; fullName?: string | undefined; role: OrganizationRole },
): Promise<CreatedInvitation> {
  ensureAdmin(org);
  return storeInvitation(ctx, actor, invitationTarget(org), request);
}

/** The workspace's pending invitations (admins). */
export async function organizationInvitations(
  ctx: AppContext,
  org: ReadableOrganization,
): Promise<InvitationRecord[]> {
  ensureAdmin(org);
  return ctx.store.invitationsOf(invitationTarget(org));
}

/** Revokes a pending invitation (admins): its link stops working at once. */
export async function revokeOrganizationInvitation(
  ctx: AppContext,
  org: ReadableOrganization,
  invitationId: string,
): Promise<void> {
  ensureAdmin(org);
  if (!(await ctx.store.deleteInvitation(invitationTarget(org), invitationId))) throw notFound("invitation");
}

const LAST_ADMIN = () =>
  new TackError(ErrorCode.conflict, "A workspace needs at least one admin: make someone else admin first");

/** Adds someone to the workspace, or changes their role. */
export async function setOrganizationMember(
  ctx: AppContext,
  org: ReadableOrganization,
  memberId: string,
  role: OrganizationRole,
): Promise<void> {
  ensureAdmin(org);
  const orgId = org.organization.id;
  const outcome = await ctx.store.changeOrganizationRole(orgId, memberId, role);
  if (outcome === "not-member") await ctx.store.addOrganizationMember(orgId, memberId, role);
  else if (outcome === "last-admin") throw LAST_ADMIN();
}

/** Removes someone (admins), or the actor leaves. */
export async function removeOrganizationMember(
  ctx: AppContext,
  actor: MemberActor,
  org: ReadableOrganization,
  memberId: string,
): Promise<void> {
  if (memberId !== actor.memberId) ensureAdmin(org);
  const outcome = await ctx.store.changeOrganizationRole(org.organization.id, memberId, null);
  if (outcome === "not-member") throw notFound("member");
  if (outcome === "last-admin") throw LAST_ADMIN();
  // Workspace-visible boards were open to them through the workspace: their open sockets on those
  // boards are checked again (and dropped), on every process.
  const boards = await ctx.store.boardsOfOrganization(org.organization.id);
  ctx.commits.accessChanged(boards.map((b) => b.id));
}
