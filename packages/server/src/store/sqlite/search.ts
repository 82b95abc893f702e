// Text search on SQLite (search-store.ts): LIKE over the documents' JSON fields, with the text's
// wildcards escaped (rows.ts, likePattern). SQLite's LIKE ignores case for ASCII letters.
import type { Board, BoardObjectOf } from "@tack/shared/models";
import { likePattern, readBoard, readObject } from "../rows.ts";
import type { SearchStore } from "../search-store.ts";
import type { Row, SqliteConnection } from "./connection.ts";

export class SqliteSearch implements SearchStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async searchCards(
    boardIds: readonly string[],
    text: string,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const rows = this.db
      .r(
        `SELECT doc FROM objects WHERE kind = 'card' AND closed = 0 AND board_id IN (SELECT value FROM json_each(?))
         AND (json_extract(doc, '$.name') LIKE ? ESCAPE '\\' OR json_extract(doc, '$.desc') LIKE ? ESCAPE '\\') LIMIT ?`,
      )
      .all(JSON.stringify(boardIds), likePattern(text), likePattern(text), limit) as Row[];
    return rows.map((r) => readObject("card", r.doc));
  }

  async searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]> {
    const rows = this.db
      .r(
        `SELECT doc FROM boards WHERE id IN (SELECT value FROM json_each(?)) AND json_extract(doc, '$.name') LIKE ? ESCAPE '\\' LIMIT ?`,
      )
      .all(JSON.stringify(boardIds), likePattern(text), limit) as Row[];
    return rows.map((r) => readBoard(r.doc));
  }
}
