import type { Organization } from "@tack/shared/models";
import type { InvitationRecord } from "../store/store.ts";

/**
 * A pending invitation or join link as its board's (or workspace's) inviters see it. The link
 * itself is not here: only its hash is stored, so the link is shown once, when it is made (`url`
 * beside this).
 */
export const presentInvitation = (invitation: InvitationRecord) => ({
  id: invitation.id,
  ...(invitation.target.kind === "board"
    ? { idBoard: invitation.target.id }
    : { idOrganization: invitation.target.id }),
  kind: invitation.kind,
  email: invitation.email,
  fullName: invitation.fullName,
  memberType: invitation.role,
  idMemberInviter: invitation.invitedBy,
  dateCreated: new Date(invitation.createdAt).toISOString(),
  dateExpires: invitation.expiresAt === null ? null : new Date(invitation.expiresAt).toISOString(),
});

/** The workspace an invitation leads into, as much of it as someone invited (not yet in) may see. */
export const presentInvitedWorkspace = (organization: Organization) => ({
  id: organization.id,
  name: organization.name,
  displayName: organization.displayName,
});
