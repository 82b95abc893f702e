// Sessions, API tokens, login devices and password resets on SQLite (session-store.ts).
import type {
  CredentialUse,
  PasswordResetRecord,
  SessionRecord,
  SessionStore,
  TokenRecord,
} from "../session-store.ts";
import type { Row, SqliteConnection } from "./connection.ts";

export class SqliteSessions implements SessionStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w(
          "INSERT INTO sessions (id_hash, member_id, csrf_token, expires_at, created_at, last_used_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          s.idHash,
          s.memberId,
          s.csrfToken,
          s.expiresAt,
          s.createdAt,
          s.lastUsed.at,
          s.lastUsed.address,
          s.lastUsed.userAgent,
        ),
    );
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | null> {
    const row = this.db.r("SELECT * FROM sessions WHERE id_hash = ?").get(idHash) as Row | undefined;
    return row ? sessionOf(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.serialized(() => this.db.w("DELETE FROM sessions WHERE id_hash = ?").run(idHash));
  }

  async sessionsOf(memberId: string): Promise<SessionRecord[]> {
    const rows = this.db
      .r("SELECT * FROM sessions WHERE member_id = ? ORDER BY last_used_at DESC")
      .all(memberId) as Row[];
    return rows.map(sessionOf);
  }

  async deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]> {
    const rows = await this.db.serialized(
      () =>
        this.db
          .w("DELETE FROM sessions WHERE member_id = ? AND id_hash IS NOT ? RETURNING id_hash")
          .all(memberId, keepIdHash) as Row[],
    );
    return rows.map((r) => String(r.id_hash));
  }

  async touchSession(idHash: string, use: CredentialUse): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w("UPDATE sessions SET last_used_at = ?, address = ?, user_agent = ? WHERE id_hash = ?")
        .run(use.at, use.address, use.userAgent, idHash),
    );
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w(
          "INSERT INTO tokens (id, token_hash, member_id, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .run(t.id, t.tokenHash, t.memberId, t.name, t.createdAt, t.expiresAt),
    );
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | null> {
    const row = this.db.r("SELECT * FROM tokens WHERE token_hash = ?").get(tokenHash) as Row | undefined;
    return row ? tokenOf(row) : null;
  }

  async tokensOf(memberId: string): Promise<TokenRecord[]> {
    const rows = this.db
      .r("SELECT * FROM tokens WHERE member_id = ? ORDER BY created_at")
      .all(memberId) as Row[];
    return rows.map(tokenOf);
  }

  async deleteToken(memberId: string, tokenId: string): Promise<boolean> {
    const result = await this.db.serialized(() =>
      this.db.w("DELETE FROM tokens WHERE id = ? AND member_id = ?").run(tokenId, memberId),
    );
    return Number(result.changes) > 0;
  }

  async touchToken(tokenId: string, use: CredentialUse): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w("UPDATE tokens SET last_used_at = ?, address = ?, user_agent = ? WHERE id = ?")
        .run(use.at, use.address, use.userAgent, tokenId),
    );
  }

  async insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void> {
    await this.db.serialized(() =>
      this.db
        .w("INSERT OR IGNORE INTO login_devices (id_hash, member_id, created_at) VALUES (?, ?, ?)")
        .run(idHash, memberId, createdAt),
    );
  }

  async loginDeviceOwner(idHash: string): Promise<string | null> {
    const row = this.db.r("SELECT member_id FROM login_devices WHERE id_hash = ?").get(idHash) as
      | Row
      | undefined;
    return row ? String(row.member_id) : null;
  }

  async insertPasswordReset(reset: PasswordResetRecord): Promise<void> {
    await this.db.serialized(() => {
      this.db.w("DELETE FROM password_resets WHERE member_id = ?").run(reset.memberId);
      this.db
        .w("INSERT INTO password_resets (id_hash, member_id, expires_at) VALUES (?, ?, ?)")
        .run(reset.idHash, reset.memberId, reset.expiresAt);
    });
  }

  async takePasswordReset(idHash: string): Promise<PasswordResetRecord | null> {
    const row = await this.db.serialized(
      () =>
        this.db
          .w("DELETE FROM password_resets WHERE id_hash = ? RETURNING member_id, expires_at")
          .get(idHash) as Row | undefined,
    );
    return row ? { idHash, memberId: String(row.member_id), expiresAt: Number(row.expires_at) } : null;
  }
}

function tokenOf(row: Row): TokenRecord {
  return {
    id: String(row.id),
    tokenHash: String(row.token_hash),
    memberId: String(row.member_id),
    name: String(row.name),
    createdAt: String(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    lastUsed:
      row.last_used_at === null
        ? null
        : { at: Number(row.last_used_at), address: String(row.address), userAgent: String(row.user_agent) },
  };
}

function sessionOf(row: Row): SessionRecord {
  return {
    idHash: String(row.id_hash),
    memberId: String(row.member_id),
    csrfToken: String(row.csrf_token),
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
    lastUsed: {
      at: Number(row.last_used_at),
      address: String(row.address),
      userAgent: String(row.user_agent),
    },
  };
}
