// Workspace membership: admins add people, change roles and remove people; anyone may leave. A
// workspace always keeps an admin (the store refuses the change that would remove the last one).
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { Organization } from "@tack/shared/models";
import type { MemberActor } from "../auth/actor.ts";
import type { AppContext } from "../context.ts";
import type { OrganizationRole } from "../store/store.ts";

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
