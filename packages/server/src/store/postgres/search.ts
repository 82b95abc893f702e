// Text search on PostgreSQL (search-store.ts). A card's text (name, newline, description,
// lower-cased) has a pg_trgm GIN index (postgres-schema.ts), which serves LIKE '%term%' for terms
// of three characters or more; the text's wildcards are escaped (rows.ts, likePattern).
import type { BoardObjectOf } from "@tack/shared/models";
import { likePattern, readObject } from "../rows.ts";
import type { CardTextMatch, SearchStore } from "../search-store.ts";
import type { PostgresDatabase } from "./connection.ts";

/** The indexed expression: keep it identical to the index in postgres-schema.ts. */
const CARD_TEXT = "lower(coalesce(doc->>'name', '') || chr(10) || coalesce(doc->>'desc', ''))";

export class PostgresSearch implements SearchStore {
  private readonly db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.db = db;
  }

  async matchCards(
    boardIds: readonly string[],
    match: CardTextMatch,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const params: unknown[] = [boardIds];
    const where = ["kind = 'card'", "board_id = ANY($1::text[])"];
    for (const term of match.all) {
      params.push(likePattern(term.toLowerCase()));
      where.push(`${CARD_TEXT} LIKE $${params.length} ESCAPE '\\'`);
    }
    for (const term of match.none) {
      params.push(likePattern(term.toLowerCase()));
      where.push(`${CARD_TEXT} NOT LIKE $${params.length} ESCAPE '\\'`);
    }
    params.push(limit);
    const rows = await this.db.rows<{ doc: unknown }>(
      `SELECT doc FROM objects WHERE ${where.join(" AND ")} LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => readObject("card", r.doc));
  }
}
