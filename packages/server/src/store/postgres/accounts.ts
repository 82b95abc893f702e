// Accounts on PostgreSQL (account-store.ts). Usernames and e-mails are unique case-insensitively by
// indexes on lower(…) (postgres-schema.ts), so lookups compare lower() too; placeholders have an
// empty password hash.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Member } from "@tack/shared/models";
import type { AccountStore, MemberRecord } from "../account-store.ts";
import { isUniqueViolation, type PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

export class PostgresAccounts implements AccountStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async insertMember({ member, email, passwordHash }: MemberRecord): Promise<void> {
    try {
      await query(
        this.db.pool,
        "INSERT INTO members (id, username, email, password_hash, doc) VALUES ($1, $2, $3, $4, $5)",
        [member.id, member.username, email, passwordHash, JSON.stringify(member)],
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That username or e-mail is already taken");
      throw error;
    }
  }

  async updateMember(member: Member): Promise<void> {
    await query(this.db.pool, "UPDATE members SET doc = $1 WHERE id = $2", [
      JSON.stringify(member),
      member.id,
    ]);
  }

  async memberById(id: string): Promise<Member | null> {
    return (await this.db.row<{ doc: Member }>("SELECT doc FROM members WHERE id = $1", [id]))?.doc ?? null;
  }

  async membersByIds(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.rows<{ doc: Member }>("SELECT doc FROM members WHERE id = ANY($1::text[])", [
      ids,
    ]);
    return rows.map((r) => r.doc);
  }

  async memberByUsername(username: string): Promise<Member | null> {
    const row = await this.db.row<{ doc: Member }>(
      "SELECT doc FROM members WHERE lower(username) = lower($1) AND password_hash <> ''",
      [username],
    );
    return row?.doc ?? null;
  }

  async credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null> {
    const row = await this.db.row<{ doc: Member; password_hash: string }>(
      `SELECT doc, password_hash FROM members
        WHERE (lower(username) = lower($1) OR lower(email) = lower($1)) AND password_hash <> '' LIMIT 1`,
      [usernameOrEmail],
    );
    return row ? { member: row.doc, passwordHash: row.password_hash } : null;
  }

  async passwordHashOf(memberId: string): Promise<string | null> {
    const row = await this.db.row<{ password_hash: string }>(
      "SELECT password_hash FROM members WHERE id = $1",
      [memberId],
    );
    return row?.password_hash ?? null;
  }

  async emailOf(memberId: string): Promise<string | null> {
    const row = await this.db.row<{ email: string | null }>(
      "SELECT email FROM members WHERE id = $1 AND password_hash != ''",
      [memberId],
    );
    return row?.email || null;
  }

  async setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
    await query(this.db.pool, "UPDATE members SET password_hash = $1 WHERE id = $2", [
      passwordHash,
      memberId,
    ]);
  }
}
