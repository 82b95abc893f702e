import type { InvitationRecord } from "../store/store.ts";

/**
 * A pending invitation or join link as its board's inviters see it. The link itself is not here:
 * only its hash is stored, so the link is shown once, when it is made (`url` beside this).
 */
export const presentInvitation = (invitation: InvitationRecord) => ({
  id: invitation.id,
  idBoard: invitation.boardId,
  kind: invitation.kind,
  email: invitation.email,
  fullName: invitation.fullName,
  memberType: invitation.role,
  idMemberInviter: invitation.invitedBy,
  dateCreated: new Date(invitation.createdAt).toISOString(),
  dateExpires: invitation.expiresAt === null ? null : new Date(invitation.expiresAt).toISOString(),
});
