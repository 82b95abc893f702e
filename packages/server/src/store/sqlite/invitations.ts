// Invitations and join links on SQLite (invitation-store.ts).
import type { InvitationRecord, InvitationStore } from "../invitation-store.ts";
import type { Row, SqliteConnection } from "./connection.ts";

function readInvitation(row: Row): InvitationRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    boardId: String(row.board_id),
    kind: row.kind === "link" ? "link" : "email",
    email: row.email === null ? null : String(row.email),
    fullName: String(row.full_name),
    role: String(row.role) as InvitationRecord["role"],
    invitedBy: String(row.invited_by),
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

export class SqliteInvitations implements InvitationStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertInvitation(invitation: InvitationRecord): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w(
          `INSERT INTO board_invitations
             (id, token_hash, board_id, kind, email, full_name, role, invited_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
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
        ),
    );
  }

  async invitationsOf(boardId: string): Promise<InvitationRecord[]> {
    const rows = this.db
      .r("SELECT * FROM board_invitations WHERE board_id = ? ORDER BY created_at, id")
      .all(boardId) as Row[];
    return rows.map(readInvitation);
  }

  async invitationByHash(tokenHash: string): Promise<InvitationRecord | null> {
    const row = this.db.r("SELECT * FROM board_invitations WHERE token_hash = ?").get(tokenHash) as
      | Row
      | undefined;
    return row ? readInvitation(row) : null;
  }

  async deleteInvitation(boardId: string, invitationId: string): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db.w("DELETE FROM board_invitations WHERE board_id = ? AND id = ?").run(boardId, invitationId),
    );
    return Number(result.changes) > 0;
  }

  async redeemInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    // Read and delete run on the one writer before any other write: one use gets an e-mail invitation.
    return this.db.serialized(() => {
      const row = this.db.w("SELECT * FROM board_invitations WHERE token_hash = ?").get(tokenHash) as
        | Row
        | undefined;
      if (!row) return null;
      if (row.kind === "email") this.db.w("DELETE FROM board_invitations WHERE id = ?").run(String(row.id));
      return readInvitation(row);
    });
  }
}
