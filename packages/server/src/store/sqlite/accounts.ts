// Accounts on SQLite (account-store.ts). Usernames and e-mails are unique case-insensitively by
// their columns' NOCASE collation (sqlite-schema.ts); placeholders have an empty password hash.
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Member } from "@tack/shared/models";
import type { AccountStore, MemberRecord } from "../account-store.ts";
import { json } from "../rows.ts";
import { isUniqueViolation, type Row, type SqliteConnection } from "./connection.ts";

export class SqliteAccounts implements AccountStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async insertMember({ member, email, passwordHash }: MemberRecord): Promise<void> {
    try {
      await this.db.serialized(() =>
        this.db
          .w("INSERT INTO members (id, username, email, password_hash, doc) VALUES (?, ?, ?, ?, ?)")
          .run(member.id, member.username, email, passwordHash, JSON.stringify(member)),
      );
    } catch (error) {
      if (isUniqueViolation(error))
        throw new TackError(ErrorCode.conflict, "That username or e-mail is already taken");
      throw error;
    }
  }

  async updateMember(member: Member): Promise<void> {
    await this.db.serialized(() =>
      this.db.w("UPDATE members SET doc = ? WHERE id = ?").run(JSON.stringify(member), member.id),
    );
  }

  async memberById(id: string): Promise<Member | null> {
    const row = this.db.r("SELECT doc FROM members WHERE id = ?").get(id) as { doc: string } | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async membersByIds(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return [];
    const rows = this.db
      .r("SELECT doc FROM members WHERE id IN (SELECT value FROM json_each(?))")
      .all(JSON.stringify(ids)) as Row[];
    return rows.map((r) => json<Member>(r.doc));
  }

  async memberByUsername(username: string): Promise<Member | null> {
    const row = this.db
      .r("SELECT doc FROM members WHERE username = ? AND password_hash <> ''")
      .get(username) as Row | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async credentialsOf(usernameOrEmail: string): Promise<{ member: Member; passwordHash: string } | null> {
    const row = this.db
      .r("SELECT doc, password_hash FROM members WHERE (username = ? OR email = ?) AND password_hash <> ''")
      .get(usernameOrEmail, usernameOrEmail) as Row | undefined;
    return row ? { member: json<Member>(row.doc), passwordHash: String(row.password_hash) } : null;
  }

  async passwordHashOf(memberId: string): Promise<string | null> {
    const row = this.db.r("SELECT password_hash FROM members WHERE id = ?").get(memberId) as Row | undefined;
    return row ? String(row.password_hash) : null;
  }

  async emailOf(memberId: string): Promise<string | null> {
    const row = this.db.r("SELECT email FROM members WHERE id = ? AND password_hash != ''").get(memberId) as
      | Row
      | undefined;
    return row?.email ? String(row.email) : null;
  }

  async setPasswordHash(memberId: string, passwordHash: string): Promise<void> {
    await this.db.serialized(() =>
      this.db.w("UPDATE members SET password_hash = ? WHERE id = ?").run(passwordHash, memberId),
    );
  }
}
