// Text search on SQLite (search-store.ts). Card text lives in `card_text`, an FTS5 table with the
// trigram tokenizer keyed by the card row's rowid and kept by triggers on `objects`
// (sqlite-schema.ts): a term of three characters or more is matched through the index as a
// quoted phrase (any case, wildcards literal); shorter terms and exclusions are checked with instr
// on the candidates.
import type { BoardObjectOf } from "@tack/shared/models";
import { readObject } from "../rows.ts";
import type { CardTextMatch, SearchStore } from "../search-store.ts";
import type { Row, SqliteConnection } from "./connection.ts";

/** FTS5 phrase syntax: the term in double quotes, inner quotes doubled. */
const phrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

export class SqliteSearch implements SearchStore {
  private readonly db: SqliteConnection;

  constructor(db: SqliteConnection) {
    this.db = db;
  }

  async matchCards(
    boardIds: readonly string[],
    match: CardTextMatch,
    limit: number,
  ): Promise<BoardObjectOf["card"][]> {
    const indexed = match.all.filter((t) => [...t].length >= 3);
    const short = match.all.filter((t) => [...t].length < 3);
    const where = ["o.kind = 'card'", "o.board_id IN (SELECT value FROM json_each(?))"];
    const params: (string | number)[] = [JSON.stringify(boardIds)];
    let from = "objects o";
    if (match.all.length > 0 || match.none.length > 0) from += " JOIN card_text t ON t.rowid = o.rowid";
    if (indexed.length > 0) {
      where.push("card_text MATCH ?");
      params.push(indexed.map(phrase).join(" AND "));
    }
    for (const term of short) {
      where.push("instr(lower(t.text), lower(?)) > 0");
      params.push(term);
    }
    for (const term of match.none) {
      where.push("instr(lower(t.text), lower(?)) = 0");
      params.push(term);
    }
    params.push(limit);
    const rows = this.db
      .r(`SELECT o.doc FROM ${from} WHERE ${where.join(" AND ")} LIMIT ?`)
      .all(...params) as Row[];
    return rows.map((r) => readObject("card", r.doc));
  }
}
