// Sessions, API tokens, login devices and password resets on PostgreSQL (session-store.ts).
import type {
  CredentialUse,
  PasswordResetRecord,
  SessionRecord,
  SessionStore,
  TokenRecord,
} from "../session-store.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

export class PostgresSessions implements SessionStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async insertSession(s: SessionRecord): Promise<void> {
    await query(
      this.db.pool,
      "INSERT INTO sessions (id_hash, member_id, csrf_token, expires_at, created_at, last_used_at, address, user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [
        s.idHash,
        s.memberId,
        s.csrfToken,
        s.expiresAt,
        s.createdAt,
        s.lastUsed.at,
        s.lastUsed.address,
        s.lastUsed.userAgent,
      ],
    );
  }

  async sessionByHash(idHash: string): Promise<SessionRecord | null> {
    const row = await this.db.row<SessionRow>("SELECT * FROM sessions WHERE id_hash = $1", [idHash]);
    return row ? sessionOf(row) : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await query(this.db.pool, "DELETE FROM sessions WHERE id_hash = $1", [idHash]);
  }

  async insertToken(t: TokenRecord): Promise<void> {
    await query(
      this.db.pool,
      "INSERT INTO tokens (id, token_hash, member_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
      [t.id, t.tokenHash, t.memberId, t.name, t.createdAt, t.expiresAt],
    );
  }

  async tokenByHash(tokenHash: string): Promise<TokenRecord | null> {
    const row = await this.db.row<TokenRow>("SELECT * FROM tokens WHERE token_hash = $1", [tokenHash]);
    return row ? tokenOf(row) : null;
  }

  async tokensOf(memberId: string): Promise<TokenRecord[]> {
    return (
      await this.db.rows<TokenRow>("SELECT * FROM tokens WHERE member_id = $1 ORDER BY created_at", [
        memberId,
      ])
    ).map(tokenOf);
  }

  async deleteToken(memberId: string, tokenId: string): Promise<boolean> {
    const result = await query(this.db.pool, "DELETE FROM tokens WHERE id = $1 AND member_id = $2", [
      tokenId,
      memberId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async sessionsOf(memberId: string): Promise<SessionRecord[]> {
    return (
      await this.db.rows<SessionRow>(
        "SELECT * FROM sessions WHERE member_id = $1 ORDER BY last_used_at DESC",
        [memberId],
      )
    ).map(sessionOf);
  }

  async deleteSessionsOf(memberId: string, keepIdHash: string | null): Promise<string[]> {
    const result = await query<{ id_hash: string }>(
      this.db.pool,
      "DELETE FROM sessions WHERE member_id = $1 AND id_hash IS DISTINCT FROM $2 RETURNING id_hash",
      [memberId, keepIdHash],
    );
    return result.rows.map((r) => r.id_hash);
  }

  async touchSession(idHash: string, use: CredentialUse): Promise<void> {
    await query(
      this.db.pool,
      "UPDATE sessions SET last_used_at = $1, address = $2, user_agent = $3 WHERE id_hash = $4",
      [use.at, use.address, use.userAgent, idHash],
    );
  }

  async touchToken(tokenId: string, use: CredentialUse): Promise<void> {
    await query(
      this.db.pool,
      "UPDATE tokens SET last_used_at = $1, address = $2, user_agent = $3 WHERE id = $4",
      [use.at, use.address, use.userAgent, tokenId],
    );
  }

  async insertLoginDevice(idHash: string, memberId: string, createdAt: number): Promise<void> {
    await query(
      this.db.pool,
      "INSERT INTO login_devices (id_hash, member_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [idHash, memberId, createdAt],
    );
  }

  async loginDeviceOwner(idHash: string): Promise<string | null> {
    const row = await this.db.row<{ member_id: string }>(
      "SELECT member_id FROM login_devices WHERE id_hash = $1",
      [idHash],
    );
    return row?.member_id ?? null;
  }

  async insertPasswordReset(reset: PasswordResetRecord): Promise<void> {
    // One statement, so a concurrent reset cannot leave two valid tokens.
    await query(
      this.db.pool,
      `WITH dropped AS (DELETE FROM password_resets WHERE member_id = $2)
       INSERT INTO password_resets (id_hash, member_id, expires_at) VALUES ($1, $2, $3)`,
      [reset.idHash, reset.memberId, reset.expiresAt],
    );
  }

  async takePasswordReset(idHash: string): Promise<PasswordResetRecord | null> {
    const result = await query<{ member_id: string; expires_at: string }>(
      this.db.pool,
      "DELETE FROM password_resets WHERE id_hash = $1 RETURNING member_id, expires_at",
      [idHash],
    );
    const row = result.rows[0];
    return row ? { idHash, memberId: row.member_id, expiresAt: Number(row.expires_at) } : null;
  }
}

interface TokenRow {
  id: string;
  token_hash: string;
  member_id: string;
  name: string;
  created_at: string;
  // bigint columns arrive as strings from node-postgres.
  expires_at: string | null;
  last_used_at: string | null;
  address: string;
  user_agent: string;
}

function tokenOf(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    memberId: row.member_id,
    name: row.name,
    createdAt: row.created_at,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    lastUsed:
      row.last_used_at === null
        ? null
        : { at: Number(row.last_used_at), address: row.address, userAgent: row.user_agent },
  };
}

interface SessionRow {
  id_hash: string;
  member_id: string;
  csrf_token: string;
  expires_at: string;
  created_at: string;
  last_used_at: string;
  address: string;
  user_agent: string;
}

function sessionOf(row: SessionRow): SessionRecord {
  return {
    idHash: row.id_hash,
    memberId: row.member_id,
    csrfToken: row.csrf_token,
    expiresAt: Number(row.expires_at),
    createdAt: Number(row.created_at),
    lastUsed: { at: Number(row.last_used_at), address: row.address, userAgent: row.user_agent },
  };
}
