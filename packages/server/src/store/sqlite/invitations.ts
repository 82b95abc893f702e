// Invitations and join links on SQLite (invitation-store.ts).
import type { InvitationRecord, InvitationStore, InvitationTarget } from "../invitation-store.ts";
import type { OutboxDraft } from "../notify-store.ts";
import type { Row, SqliteConnection } from "./connection.ts";

function readInvitation(row: Row): InvitationRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    target:
      row.org_id === null
        ? { kind: "board", id: String(row.board_id) }
        : { kind: "organization", id: String(row.org_id) },
    kind: row.kind === "link" ? "link" : "email",
    email: row.email === null ? null : String(row.email),
    fullName: String(row.full_name),
    role: String(row.role) as InvitationRecord["role"],
    invitedBy: String(row.invited_by),
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

/** The column that names a target of this kind. */
const targetColumn = (target: InvitationTarget) => (target.kind === "board" ? "board_id" : "org_id");

export class SqliteInvitations implements InvitationStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertInvitation(invitation: InvitationRecord, mail?: OutboxDraft): Promise<void> {
    const { target } = invitation;
    await this.db.serialized(() =>
      this.db.inWriteTransaction(() => {
        this.db
          .w(
            `INSERT INTO invitations
               (id, token_hash, board_id, org_id, kind, email, full_name, role, invited_by, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
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
          );
        // The outbox orders entries per board id; a workspace's entries are ordered by its id.
        if (mail)
          this.db
            .w("INSERT INTO outbox (board_id, topic, payload, created_at) VALUES (?, ?, ?, ?)")
            .run(target.id, mail.topic, JSON.stringify(mail.payload), new Date().toISOString());
      }),
    );
  }

  async invitationsOf(target: InvitationTarget): Promise<InvitationRecord[]> {
    const rows = this.db
      .r(`SELECT * FROM invitations WHERE ${targetColumn(target)} = ? ORDER BY created_at, id`)
      .all(target.id) as Row[];
    return rows.map(readInvitation);
  }

  async invitationByHash(tokenHash: string): Promise<InvitationRecord | null> {
    const row = this.db.r("SELECT * FROM invitations WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    return row ? readInvitation(row) : null;
  }

  async deleteInvitation(target: InvitationTarget, invitationId: string): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db
        .w(`DELETE FROM invitations WHERE ${targetColumn(target)} = ? AND id = ?`)
        .run(target.id, invitationId),
    );
    return Number(result.changes) > 0;
  }

  async redeemInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    // Read and delete run on the one writer before any other write: one use gets an e-mail invitation.
    return this.db.serialized(() => {
      const row = this.db.w("SELECT * FROM invitations WHERE token_hash = ?").get(tokenHash) as
        | Row
        | undefined;
      if (!row) return null;
      if (row.kind === "email") this.db.w("DELETE FROM invitations WHERE id = ?").run(String(row.id));
      return readInvitation(row);
    });
  }
}
