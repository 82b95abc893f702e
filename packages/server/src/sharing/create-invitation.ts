// Invite someone who may not have an account yet (by e-mail address), or make a join link. Both
// are pending invitations with a single secret token; the answer is the same whether or not an
// account uses the address, so inviting tells nobody who has an account. Invitations are rows
// beside the board or workspace, not board documents: writing one is not a board command (no
// action, no seq). Boards and workspaces share all of this; only who may invite differs.
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
import type { InvitationRecord, InvitationTarget } from "../store/store.ts";
import { invitationMailDraft } from "./invitation-mail.ts";

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

/** Invites to a board, for a reader of it who may invite (ensureMayInvite). */
export async function createInvitation(
  ctx: AppContext,
  actor: MemberActor,
  authorized: AuthorizedBoard,
  request: InvitationRequest,
): Promise<CreatedInvitation> {
  const found = await ctx.store.boardById(authorized.boardId);
  if (!found) throw new TackError(ErrorCode.notFound, "board not found");
  if (request.email === undefined && authorized.access.role !== "admin")
    throw new TackError(ErrorCode.forbidden, "Only board admins can make join links");
  ensureMayInvite(found.board, authorized.access, request.role);
  return storeInvitation(ctx, actor, { kind: "board", id: authorized.boardId }, request);
}

/**
 * Stores a pending invitation to a target the actor may invite to (the caller checked), with the
 * outbox entry that mails its link in the same transaction.
 */
export async function storeInvitation(
  ctx: AppContext,
  actor: MemberActor,
  target: InvitationTarget,
  request: InvitationRequest,
): Promise<CreatedInvitation> {
  const kind = request.email === undefined ? "link" : "email";
  const pending = await ctx.store.invitationsOf(target);
  const email = request.email?.toLowerCase() ?? null;
  // Inviting the same address again replaces the earlier invitation: one live link per address.
  const replaced = pending.filter((p) => p.kind === "email" && p.email === email);
  if (pending.length - replaced.length >= PENDING_INVITATIONS_PER_BOARD)
    throw new TackError(
      ErrorCode.limitExceeded,
      `A ${target.kind === "board" ? "board" : "workspace"} can have at most ${PENDING_INVITATIONS_PER_BOARD} pending invitations: revoke some first`,
    );
  const token = newSecret();
  const now = Date.now();
  const invitation: InvitationRecord = {
    id: newId(now),
    tokenHash: sha256(token),
    target,
    kind,
    email,
    fullName: request.fullName ?? "",
    role: request.role,
    invitedBy: actor.memberId,
    createdAt: now,
    expiresAt: kind === "email" ? now + EMAIL_INVITATION_LIFETIME_MS : null,
  };
  await ctx.store.insertInvitation(invitation, invitationMailDraft(ctx, invitation, token));
  for (const old of replaced) await ctx.store.deleteInvitation(target, old.id);
  return { invitation, url: invitationUrl(ctx, token) };
}
