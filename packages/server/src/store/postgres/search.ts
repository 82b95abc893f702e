// Text search on PostgreSQL (search-store.ts): ILIKE over the documents' JSON fields, with the
// text's wildcards escaped (rows.ts, likePattern).
import type { Board, BoardObjectOf } from "@tack/shared/models";
import { likePattern, readBoard, readObject } from "../rows.ts";
import type { SearchStore } from "../search-store.ts";
import type { PostgresDatabase } from "./connection.ts";

export class PostgresSearch implements SearchStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async searchCards(
    boardIds: readonly string[],
    text: string,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const rows = await this.db.rows<{ doc: unknown }>(
      `SELECT doc FROM objects WHERE kind = 'card' AND NOT closed AND board_id = ANY($1::text[])
         AND (doc->>'name' ILIKE $2 ESCAPE '\\' OR doc->>'desc' ILIKE $2 ESCAPE '\\') LIMIT $3`,
      [boardIds, likePattern(text), limit],
    );
    return rows.map((r) => readObject("card", r.doc));
  }

  async searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]> {
    const rows = await this.db.rows<{ doc: unknown }>(
      "SELECT doc FROM boards WHERE id = ANY($1::text[]) AND doc->>'name' ILIKE $2 ESCAPE '\\' LIMIT $3",
      [boardIds, likePattern(text), limit],
    );
    return rows.map((r) => readBoard(r.doc));
  }
}
