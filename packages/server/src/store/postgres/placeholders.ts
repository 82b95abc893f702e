// Placeholders on PostgreSQL (placeholder-store.ts): member rows with an empty password hash, owned
// by the board in their document's `placeholder.idBoard`. Written only inside their board's
// transaction (PostgresPlaceholderTx), on the connection that holds the board lock.
import type { Member } from "@tack/shared/models";
import type { PoolClient } from "pg";
import { placeholderEmail } from "../placeholder-email.ts";
import type { PlaceholderStore, PlaceholderTx } from "../placeholder-store.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

export class PostgresPlaceholders implements PlaceholderStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async pendingClaimsOf(memberId: string): Promise<Member[]> {
    const rows = await this.db.rows<{ doc: Member }>(
      `SELECT doc FROM members WHERE password_hash = '' AND doc->'placeholder'->'claim'->>'idMember' = $1
        AND doc->'placeholder'->>'idMemberClaimedBy' IS NULL ORDER BY id`,
      [memberId],
    );
    return rows.map((r) => r.doc);
  }
}

/** The placeholder half of a PostgreSQL board transaction (members rows are not buffered). */
export class PostgresPlaceholderTx implements PlaceholderTx {
  private readonly client: PoolClient;
  private readonly boardId: string;

  /** Called before each write (a savepoint in a grouped transaction: board-group.ts). */
  private readonly beforeWrite: () => Promise<void>;

  constructor(client: PoolClient, boardId: string, beforeWrite: () => Promise<void>) {
    this.client = client;
    this.boardId = boardId;
    this.beforeWrite = beforeWrite;
  }

  async insertPlaceholders(members: readonly Member[]): Promise<void> {
    if (members.length === 0) return;
    await this.beforeWrite();
    await query(
      this.client,
      `INSERT INTO members (id, username, email, password_hash, doc)
       SELECT m.id, m.username, m.email, '', m.doc
         FROM jsonb_to_recordset($1::jsonb) AS m(id text, username text, email text, doc jsonb)`,
      [
        JSON.stringify(
          members.map((m) => ({ id: m.id, username: m.username, email: placeholderEmail(m.id), doc: m })),
        ),
      ],
    );
  }

  async placeholder(memberId: string): Promise<Member | null> {
    const { rows } = await query<{ doc: Member }>(
      this.client,
      "SELECT doc FROM members WHERE id = $1 AND password_hash = '' AND doc->'placeholder'->>'idBoard' = $2",
      [memberId, this.boardId],
    );
    return rows[0]?.doc ?? null;
  }

  async putPlaceholder(member: Member): Promise<void> {
    await this.beforeWrite();
    await query(
      this.client,
      "UPDATE members SET doc = $1 WHERE id = $2 AND password_hash = '' AND doc->'placeholder'->>'idBoard' = $3",
      [JSON.stringify(member), member.id, this.boardId],
    );
  }
}
