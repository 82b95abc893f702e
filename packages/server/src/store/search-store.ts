// Text search over what a person may already read: callers pass the board ids they resolved.
import type { Board, BoardObjectOf } from "@tack/shared/models";

export interface SearchStore {
  /** Open cards whose name or description contains `text`, on the given boards. */
  searchCards(boardIds: readonly string[], text: string, limit: number): Promise<BoardObjectOf["card"][]>;
  /** Boards (of the given ids) whose name contains `text`. */
  searchBoards(boardIds: readonly string[], text: string, limit: number): Promise<Board[]>;
}
