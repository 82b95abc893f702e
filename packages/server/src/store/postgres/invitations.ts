// Invitations and join links on PostgreSQL (invitation-store.ts).
import type { InvitationRecord, InvitationStore } from "../invitation-store.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

interface InvitationRow {
  id: string;
  token_hash: string;
  board_id: string;
  kind: string;
  email: string | null;
  full_name: string;
  role: InvitationRecord["role"];
  invited_by: string;
  created_at: string;
  expires_at: string | null;
}

function readInvitation(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    boardId: row.board_id,
    kind: row.kind === "link" ? "link" : "email",
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

export class PostgresInvitations implements InvitationStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async insertInvitation(invitation: InvitationRecord): Promise<void> {
    await query(
      this.db.pool,
      `INSERT INTO board_invitations
         (id, token_hash, board_id, kind, email, full_name, role, invited_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        invitation.id,
        invitation.tokenHash,
        invitation.boardId,
        invitation.kind,
        invitation.email,
        invitation.fullName,
        invitation.role,
        invitation.invitedBy,
        invitation.createdAt,
        invitation.expiresAt,
      ],
    );
  }

  async invitationsOf(boardId: string): Promise<InvitationRecord[]> {
    const rows = await this.db.rows<InvitationRow>(
      "SELECT * FROM board_invitations WHERE board_id = $1 ORDER BY created_at, id",
      [boardId],
    );
    return rows.map(readInvitation);
  }

  async invitationByHash(tokenHash: string): Promise<InvitationRecord | null> {
    const row = await this.db.row<InvitationRow>("SELECT * FROM board_invitations WHERE token_hash = $1", [
      tokenHash,
    ]);
    return row ? readInvitation(row) : null;
  }

  async deleteInvitation(boardId: string, invitationId: string): Promise<boolean> {
    const result = await query(
      this.db.pool,
      "DELETE FROM board_invitations WHERE board_id = $1 AND id = $2",
      [boardId, invitationId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async redeemInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    // Deleting is the claim: of two concurrent uses of an e-mail invitation, one gets the row.
    const taken = await this.db.row<InvitationRow>(
      "DELETE FROM board_invitations WHERE token_hash = $1 AND kind = 'email' RETURNING *",
      [tokenHash],
    );
    if (taken) return readInvitation(taken);
    const link = await this.db.row<InvitationRow>(
      "SELECT * FROM board_invitations WHERE token_hash = $1 AND kind = 'link'",
      [tokenHash],
    );
    return link ? readInvitation(link) : null;
  }
}
