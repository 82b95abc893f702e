// Placeholders on SQLite (placeholder-store.ts): member rows with an empty password hash, owned by
// the board in their document's `placeholder.idBoard`. Written only inside their board's
// transaction (SqlitePlaceholderTx), on the writer.
import type { Member } from "@tack/shared/models";
import { placeholderEmail } from "../placeholder-email.ts";
import type { PlaceholderStore, PlaceholderTx } from "../placeholder-store.ts";
import { json } from "../rows.ts";
import type { Row, SqliteConnection, Statements } from "./connection.ts";

export class SqlitePlaceholders implements PlaceholderStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async pendingClaimsOf(memberId: string): Promise<Member[]> {
    const rows = this.db
      .r(
        `SELECT doc FROM members WHERE password_hash = '' AND json_extract(doc, '$.placeholder.claim.idMember') = ?
       AND json_extract(doc, '$.placeholder.idMemberClaimedBy') IS NULL ORDER BY id`,
      )
      .all(memberId) as Row[];
    return rows.map((r) => json<Member>(r.doc));
  }
}

/** The placeholder half of a SQLite board transaction. */
export class SqlitePlaceholderTx implements PlaceholderTx {
  private readonly s: Statements;
  private readonly boardId: string;

  constructor(s: Statements, boardId: string) {
    this.s = s;
    this.boardId = boardId;
  }

  async insertPlaceholders(members: readonly Member[]): Promise<void> {
    for (const member of members)
      this.s("INSERT INTO members (id, username, email, password_hash, doc) VALUES (?, ?, ?, '', ?)").run(
        member.id,
        member.username,
        placeholderEmail(member.id),
        JSON.stringify(member),
      );
  }

  async placeholder(memberId: string): Promise<Member | null> {
    const row = this.s(
      "SELECT doc FROM members WHERE id = ? AND password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?",
    ).get(memberId, this.boardId) as Row | undefined;
    return row ? json<Member>(row.doc) : null;
  }

  async putPlaceholder(member: Member): Promise<void> {
    this.s(
      "UPDATE members SET doc = ? WHERE id = ? AND password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?",
    ).run(JSON.stringify(member), member.id, this.boardId);
  }
}
