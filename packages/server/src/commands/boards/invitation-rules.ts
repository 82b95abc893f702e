// Who may invite to a board, and how invitation tokens are made and read. The token is a secret
// carried only by the link; the store keeps its SHA-256 (docs/security.md, "Sharing and invitations").
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board, BoardRole } from "@tack/shared/models";
import type { BoardAccess } from "@tack/shared/permissions";
import type { AppContext } from "../../context.ts";
import type { InvitationRecord } from "../../store/store.ts";

/** How long an e-mail invitation waits for its addressee; join links last until turned off. */
export const EMAIL_INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** Pending invitations and join links one board may hold at once. */
export const PENDING_INVITATIONS_PER_BOARD = 200;

const TOKEN = /^[0-9a-f]{64}$/;

/**
 * Admins always invite; normal members too when the board lets members invite
 * (`prefs.invitations: "members"`, Trello's default); observers never. Only admins grant admin.
 */
export function ensureMayInvite(board: Board, access: BoardAccess, role: BoardRole): void {
  if (access.role === "admin") return;
  if (access.role !== "normal" || board.prefs.invitations !== "members")
    throw new TackError(ErrorCode.forbidden, "Only board admins can invite people to this board");
  if (role === "admin") throw new TackError(ErrorCode.forbidden, "Only board admins can invite admins");
}

/** The link that carries the token: the web client's invitation page. */
export function invitationUrl(ctx: AppContext, token: string): string {
  return `${ctx.config.publicUrl}/invite/${token}`;
}

export function isLive(invitation: InvitationRecord, now: number = Date.now()): boolean {
  return invitation.expiresAt === null || invitation.expiresAt > now;
}

/** Any token that is malformed, unknown, used, revoked or expired gets this one answer. */
export function invitationGone(): TackError {
  return new TackError(
    ErrorCode.notFound,
    "This invitation link is no longer valid: ask a board admin for a new one",
    "token",
  );
}

export function isTokenShaped(token: string): boolean {
  return TOKEN.test(token);
}
