// The newest seq this process has heard of per board, so a poll that finds nothing new is answered
// without asking Redis or the database (decision 0031-group-commit-and-poll-cache). Every change reaches every process
// (one bus channel), so while the bus is subscribed this process hears of each change of every
// board. A head can only lag the truth (a change committed but not yet heard of), never run ahead
// of it, so the answer "nothing new" is what a poll a moment earlier would have got; the next poll
// gets the change. Heads are forgotten when the subscription comes back (messages may have been
// lost meanwhile), after `ttlMs` (a writer that died between its commit and its publish), and are
// not used at all while the bus is down or while other processes cannot be heard (PostgreSQL
// without Redis).
import type { BoardChange } from "@tack/shared/changes";

interface Head {
  epoch: string;
  seq: number;
  until: number;
}

export class BoardHeads {
  private readonly heads = new Map<string, Head>();
  private readonly ttlMs: number;
  private readonly maxBoards: number;
  private readonly usable: () => boolean;

  constructor(usable: () => boolean, ttlMs = 5_000, maxBoards = 10_000) {
    this.usable = usable;
    this.ttlMs = ttlMs;
    this.maxBoards = maxBoards;
  }

  /** A change this process committed or heard of on the bus. */
  heard(epoch: string, change: BoardChange): void {
    this.learned(change.board, epoch, change.seq);
  }

  /** The board's newest seq as a read of the list or the log answered it (or a change carried it). */
  learned(board: string, epoch: string, seq: number): void {
    if (!this.usable()) return;
    const head = this.heads.get(board);
    const until = Date.now() + this.ttlMs;
    if (head && head.epoch === epoch) {
      // Changes and reads arrive in any order: a head only moves forward.
      if (seq >= head.seq) {
        head.seq = seq;
        head.until = until;
      }
      return;
    }
    if (!head && this.heads.size >= this.maxBoards)
      this.heads.delete(this.heads.keys().next().value as string);
    this.heads.set(board, { epoch, seq, until });
  }

  /** The answer to a poll at `since` of `epoch` when nothing is newer, or null when not known. */
  nothingAfter(
    board: string,
    since: number,
    epoch: string | undefined,
  ): { epoch: string; seq: number } | null {
    if (epoch === undefined || !this.usable()) return null;
    const head = this.heads.get(board);
    if (!head || head.epoch !== epoch || head.seq !== since) return null;
    if (head.until < Date.now()) {
      this.heads.delete(board);
      return null;
    }
    return { epoch, seq: since };
  }

  clear(): void {
    this.heads.clear();
  }
}
