// Invitations and join links: pending ways onto a board (docs/security.md, "Sharing and
// invitations"). Tokens are stored hashed; an e-mail invitation is used once.
import type { BoardRole } from "@tack/shared/models";

/**
 * A pending way onto a board. The token itself is never stored, only its SHA-256: a leaked
 * database opens no board.
 */
export interface InvitationRecord {
  id: string;
  tokenHash: string;
  boardId: string;
  /** `email`: for one address, works once. `link`: a join link, works until an admin turns it off. */
  kind: "email" | "link";
  /** The invited address (lower case); null for a join link. */
  email: string | null;
  fullName: string;
  role: BoardRole;
  invitedBy: string;
  createdAt: number;
  /** Milliseconds since the epoch; null = until revoked. */
  expiresAt: number | null;
}

export interface InvitationStore {
  insertInvitation(invitation: InvitationRecord): Promise<void>;
  /** A board's pending invitations and join links, oldest first. */
  invitationsOf(boardId: string): Promise<InvitationRecord[]>;
  invitationByHash(tokenHash: string): Promise<InvitationRecord | null>;
  /** Revokes an invitation or turns off a join link of this board; false when there was none. */
  deleteInvitation(boardId: string, invitationId: string): Promise<boolean>;
  /**
   * Reads an invitation to use it: an e-mail invitation is deleted in the same step, so two
   * concurrent uses cannot both get it; a join link stays.
   */
  redeemInvitation(tokenHash: string): Promise<InvitationRecord | null>;
}
