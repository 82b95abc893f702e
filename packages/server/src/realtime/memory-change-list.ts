// The in-process recent-change list of the embedded default: a ring of the latest changes per
// board, for a bounded number of boards (the least recently written board is forgotten first).
// Its epoch is random per process start, since a restart forgets everything.
import type { BoardChange } from "@tack/shared/changes";
import {
  type ChangeList,
  coveredAfter,
  type ListRead,
  newEpoch,
  RECENT_CHANGES_PER_BOARD,
} from "./change-list.ts";

const MAX_BOARDS = 10_000;

export class MemoryChangeList implements ChangeList {
  private readonly current = newEpoch();
  /** Insertion order doubles as recency: a written board is moved to the end. */
  private readonly boards = new Map<string, BoardChange[]>();
  private readonly perBoard: number;

  constructor(perBoard: number = RECENT_CHANGES_PER_BOARD) {
    this.perBoard = perBoard;
  }

  async append(change: BoardChange): Promise<string> {
    const ring = this.boards.get(change.board) ?? [];
    this.boards.delete(change.board);
    this.boards.set(change.board, ring);
    // Commits of one board can reach us slightly out of order: keep the ring sorted by seq.
    let at = ring.length;
    while (at > 0 && ring[at - 1]!.seq > change.seq) at -= 1;
    if (ring[at - 1]?.seq !== change.seq) ring.splice(at, 0, change);
    if (ring.length > this.perBoard) ring.splice(0, ring.length - this.perBoard);
    if (this.boards.size > MAX_BOARDS) this.boards.delete(this.boards.keys().next().value!);
    return this.current;
  }

  async since(board: string, afterSeq: number): Promise<ListRead> {
    const ring = this.boards.get(board) ?? [];
    return {
      epoch: this.current,
      changes: coveredAfter(
        afterSeq,
        ring.filter((c) => c.seq >= afterSeq),
      ),
    };
  }

  async epoch(): Promise<string> {
    return this.current;
  }

  async close(): Promise<void> {
    this.boards.clear();
  }
}
