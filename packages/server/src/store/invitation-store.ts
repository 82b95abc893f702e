// Invitations and join links: pending ways onto a board or into a workspace (docs/security.md,
// "Sharing and invitations"). Tokens are stored hashed; an e-mail invitation is used once.
import type { BoardRole } from "@tack/shared/models";
import type { OutboxDraft } from "./notify-store.ts";

/** What an invitation leads into: a board, or a workspace (Trello's organization). */
export interface InvitationTarget {
  kind: "board" | "organization";
  id: string;
}

/**
 * A pending way onto a board or into a workspace. The token itself is never stored, only its
 * SHA-256: a leaked database opens nothing.
 */
export interface InvitationRecord {
  id: string;
  tokenHash: string;
  target: InvitationTarget;
  /** `email`: for one address, works once. `link`: a join link, works until an admin turns it off. */
  kind: "email" | "link";
  /** The invited address (lower case); null for a join link. */
  email: string | null;
  fullName: string;
  /** A workspace invitation is `admin` or `normal` only (routes check it). */
  role: BoardRole;
  invitedBy: string;
  createdAt: number;
  /** Milliseconds since the epoch; null = until revoked. */
  expiresAt: number | null;
}

export interface InvitationStore {
  /**
   * Stores an invitation and, when given, the outbox entry that mails it, in one transaction: the
   * mail is never queued without its invitation, nor the invitation stored without its mail.
   */
  insertInvitation(invitation: InvitationRecord, mail?: OutboxDraft): Promise<void>;
  /** A board's or workspace's pending invitations and join links, oldest first. */
  invitationsOf(target: InvitationTarget): Promise<InvitationRecord[]>;
  invitationByHash(tokenHash: string): Promise<InvitationRecord | null>;
  /** Revokes an invitation or turns off a join link of this target; false when there was none. */
  deleteInvitation(target: InvitationTarget, invitationId: string): Promise<boolean>;
  /**
   * Reads an invitation to use it: an e-mail invitation is deleted in the same step, so two
   * concurrent uses cannot both get it; a join link stays.
   */
  redeemInvitation(tokenHash: string): Promise<InvitationRecord | null>;
}
