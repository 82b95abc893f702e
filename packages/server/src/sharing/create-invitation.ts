// Invite someone who may not have an account yet (by e-mail address), or make a join link. Both
// are pending invitations with a single secret token; the answer is the same whether or not an
// account uses the address, so inviting tells nobody who has an account. Invitations are rows
// beside the board, not board documents: writing one is not a board command (no action, no seq).
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId, newSecret } from "@tack/shared/ids";
import type { BoardRole } from "@tack/shared/models";
import type { AuthorizedBoard } from "../auth/access.ts";
import type { MemberActor } from "../auth/actor.ts";
import { sha256 } from "../auth/secrets.ts";
import {
  EMAIL_INVITATION_LIFETIME_MS,
  ensureMayInvite,
  invitationUrl,
  PENDING_INVITATIONS_PER_BOARD,
} from "../commands/boards/invitation-rules.ts";
import type { AppContext } from "../context.ts";
import type { InvitationRecord } from "../store/store.ts";
import { enqueueInvitationMail } from "./invitation-mail.ts";

export interface InvitationRequest {
  /** The invited address; absent for a join link. */
  email?: string | undefined;
  fullName?: string | undefined;
  role: BoardRole;
}

export interface CreatedInvitation {
  invitation: InvitationRecord;
  /** Shown once, to the person who made it: only its hash is kept. */
  url: string;
}

export async function createInvitation(
  ctx: AppContext,
  actor: MemberActor,
  authorized: AuthorizedBoard,
  request: InvitationRequest,
): Promise<CreatedInvitation> {
  const found = await ctx.store.boardById(authorized.boardId);
  if (!found) throw new TackError(ErrorCode.notFound, "board not found");
  const kind = request.email === undefined ? "link" : "email";
  if (kind === "link" && authorized.access.role !== "admin")
    throw new TackError(ErrorCode.forbidden, "Only board admins can make join links");
  ensureMayInvite(found.board, authorized.access, request.role);
  const pending = await ctx.store.invitationsOf(authorized.boardId);
  const email = request.email?.toLowerCase() ?? null;
  // Inviting the same address again replaces the earlier invitation: one live link per address.
  const replaced = pending.filter((p) => p.kind === "email" && p.email === email);
  if (pending.length - replaced.length >= PENDING_INVITATIONS_PER_BOARD)
    throw new TackError(
      ErrorCode.limitExceeded,
      `A board can have at most ${PENDING_INVITATIONS_PER_BOARD} pending invitations: revoke some first`,
    );
  const token = newSecret();
  const now = Date.now();
  const invitation: InvitationRecord = {
    id: newId(now),
    tokenHash: sha256(token),
    boardId: authorized.boardId,
    kind,
    email,
    fullName: request.fullName ?? "",
    role: request.role,
    invitedBy: actor.memberId,
    createdAt: now,
    expiresAt: kind === "email" ? now + EMAIL_INVITATION_LIFETIME_MS : null,
  };
  await ctx.store.insertInvitation(invitation);
  for (const old of replaced) await ctx.store.deleteInvitation(authorized.boardId, old.id);
  // After the row committed, so the outbox never holds a mail whose invitation is not there yet.
  await enqueueInvitationMail(ctx, invitation, token);
  return { invitation, url: invitationUrl(ctx, token) };
}
