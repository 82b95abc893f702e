// Text search on PostgreSQL (search-store.ts). A card's text (name, newline, description,
// lower-cased) is kept in `card_texts` by triggers on `objects`, apart from the card's row so a
// move does not index it again (decision 0047-card-text-apart); its pg_trgm GIN index
// (postgres-schema.ts) serves LIKE '%term%' for terms of three characters or more; the text's
// wildcards are escaped (rows.ts, likePattern).
import type { BoardObjectOf } from "@tack/shared/models";
import { likePattern, readObject } from "../rows.ts";
import type { CardTextMatch, SearchStore } from "../search-store.ts";
import type { PostgresDatabase } from "./connection.ts";

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
    const where = ["o.kind = 'card'", "o.board_id = ANY($1::text[])"];
    for (const term of match.all) {
      params.push(likePattern(term.toLowerCase()));
      where.push(`t.text LIKE $${params.length} ESCAPE '\\'`);
    }
    for (const term of match.none) {
      params.push(likePattern(term.toLowerCase()));
      where.push(`t.text NOT LIKE $${params.length} ESCAPE '\\'`);
    }
    params.push(limit);
    const rows = await this.db.rows<{ doc: unknown }>(
      `SELECT o.doc FROM objects o JOIN card_texts t ON t.id = o.id WHERE ${where.join(" AND ")} LIMIT $${params.length}`,
      params,
    );
    return rows.map((r) => readObject("card", r.doc));
  }
}
