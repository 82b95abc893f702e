// Invitations and join links on PostgreSQL (invitation-store.ts).
import type { InvitationRecord, InvitationStore, InvitationTarget } from "../invitation-store.ts";
import type { OutboxDraft } from "../notify-store.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

interface InvitationRow {
  id: string;
  token_hash: string;
  board_id: string | null;
  org_id: string | null;
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
    target:
      row.org_id === null
        ? { kind: "board", id: String(row.board_id) }
        : { kind: "organization", id: row.org_id },
    kind: row.kind === "link" ? "link" : "email",
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    invitedBy: row.invited_by,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

/** The column that names a target of this kind. */
const targetColumn = (target: InvitationTarget) => (target.kind === "board" ? "board_id" : "org_id");

export class PostgresInvitations implements InvitationStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async insertInvitation(invitation: InvitationRecord, mail?: OutboxDraft): Promise<void> {
    const { target } = invitation;
    const client = await this.db.pool.connect();
    try {
      await client.query("BEGIN");
      await query(
        client,
        `INSERT INTO invitations
           (id, token_hash, board_id, org_id, kind, email, full_name, role, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          invitation.id,
          invitation.tokenHash,
          target.kind === "board" ? target.id : null,
          target.kind === "organization" ? target.id : null,
          invitation.kind,
          invitation.email,
          invitation.fullName,
          invitation.role,
          invitation.invitedBy,
          invitation.createdAt,
          invitation.expiresAt,
        ],
      );
      // The outbox orders entries per board id; a workspace's entries are ordered by its id.
      if (mail)
        await query(
          client,
          "INSERT INTO outbox (board_id, topic, payload, created_at) VALUES ($1, $2, $3, $4)",
          [target.id, mail.topic, JSON.stringify(mail.payload), new Date().toISOString()],
        );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async invitationsOf(target: InvitationTarget): Promise<InvitationRecord[]> {
    const rows = await this.db.rows<InvitationRow>(
      `SELECT * FROM invitations WHERE ${targetColumn(target)} = $1 ORDER BY created_at, id`,
      [target.id],
    );
    return rows.map(readInvitation);
  }

  async invitationByHash(tokenHash: string): Promise<InvitationRecord | null> {
    const row = await this.db.row<InvitationRow>("SELECT * FROM invitations WHERE token_hash = $1", [
      tokenHash,
    ]);
    return row ? readInvitation(row) : null;
  }

  async deleteInvitation(target: InvitationTarget, invitationId: string): Promise<boolean> {
    const result = await query(
      this.db.pool,
      `DELETE FROM invitations WHERE ${targetColumn(target)} = $1 AND id = $2`,
      [target.id, invitationId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async redeemInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    // Deleting is the claim: of two concurrent uses of an e-mail invitation, one gets the row.
    const taken = await this.db.row<InvitationRow>(
      "DELETE FROM invitations WHERE token_hash = $1 AND kind = 'email' RETURNING *",
      [tokenHash],
    );
    if (taken) return readInvitation(taken);
    const link = await this.db.row<InvitationRow>(
      "SELECT * FROM invitations WHERE token_hash = $1 AND kind = 'link'",
      [tokenHash],
    );
    return link ? readInvitation(link) : null;
  }
}
