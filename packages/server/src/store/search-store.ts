// Card text search over what a person may already read: callers pass the board ids they resolved
// (board names are matched in memory by the route, from the boards it already read).
// Card text (name and description) is indexed for substring search on both stores: an FTS5
// trigram table kept by triggers on SQLite, a pg_trgm GIN index on PostgreSQL (decision
// 0025-search-backgrounds-lifecycle).
import type { BoardObjectOf } from "@tack/shared/models";

export interface CardTextMatch {
  /** Every one of these must occur in the card's name or description (any case). */
  all: readonly string[];
  /** None of these may occur there. */
  none: readonly string[];
}

export interface SearchStore {
  /** Cards (open and archived) on the given boards matching `match`, at most `limit`; with no
   * `all` terms every card of those boards (minus `none`). */
  matchCards(
    boardIds: readonly string[],
    match: CardTextMatch,
    limit: number,
  ): Promise<BoardObjectOf["card"][]>;
}
