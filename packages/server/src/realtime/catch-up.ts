// Answers "what happened on this board after my cursor?" for reconnecting sockets, polls and the
// fan-out's own gap filling: from the recent-change list when it can prove it has the whole range
// and the cursor is of its epoch, else from the durable action log (seqs are durable and per
// board, so the log answers `since=seq` exactly), else (too far behind) "reload the board".
import type { BoardChange } from "@tack/shared/changes";
import type { Cursor as ProtocolCursor } from "@tack/shared/protocol";
import type { Store } from "../store/store.ts";
import type { ChangeList } from "./change-list.ts";
import { toWire } from "./change-wire.ts";

/** A client further behind than this reloads the board instead of replaying changes. */
export const RELOAD_AFTER = 1_000;

/** Where a client stands; without an epoch (never polled) the list cannot be trusted for it. */
export type Cursor = Omit<ProtocolCursor, "epoch"> & { epoch?: string | undefined };

export type CatchUp =
  /** `seq` is the board's newest seq known: less than the last change's when the answer is a page. */
  | { kind: "changes"; epoch: string; seq: number; changes: BoardChange[] }
  | { kind: "reload"; epoch: string; seq: number }
  /** The cursor is ahead of the board: the client made it up or it belongs to another board. */
  | { kind: "future"; epoch: string; seq: number }
  | { kind: "gone" };

export interface CatchUpOptions {
  /** The answer must reach at least this seq (the fan-out has already delivered up to it). */
  atLeast?: number;
  /** Most changes to answer from the durable log at once (the client asks again for the rest). */
  limit?: number;
}

export class CatchUpReader {
  private readonly store: Store;
  private readonly list: ChangeList;
  /** The last epoch the list told us, for answers while the list does not answer. */
  private knownEpoch = "";
  private readonly onListError: (error: unknown) => void;

  constructor(store: Store, list: ChangeList, onListError: (error: unknown) => void) {
    this.store = store;
    this.list = list;
    this.onListError = onListError;
  }

  noteEpoch(epoch: string): void {
    this.knownEpoch = epoch;
  }

  /** The last epoch the list told us, without asking it; "" before it first answered. */
  lastEpoch(): string {
    return this.knownEpoch;
  }

  async epoch(): Promise<string> {
    try {
      this.knownEpoch = await this.list.epoch();
    } catch (error) {
      this.onListError(error);
    }
    return this.knownEpoch;
  }

  /** The changes after the cursor, as they may leave the server (`toWire`). */
  async read(board: string, cursor: Cursor, options: CatchUpOptions = {}): Promise<CatchUp> {
    const answer = await this.readStored(board, cursor, options);
    return answer.kind === "changes" ? { ...answer, changes: answer.changes.map(toWire) } : answer;
  }

  private async readStored(board: string, cursor: Cursor, options: CatchUpOptions): Promise<CatchUp> {
    const fromList = await this.fromList(board, cursor, options.atLeast ?? 0);
    if (fromList) return fromList;
    const epoch = this.knownEpoch || (await this.epoch());
    const current = await this.store.boardById(board);
    if (!current) return { kind: "gone" };
    if (cursor.seq > current.seq) return { kind: "future", epoch, seq: current.seq };
    if (current.seq - cursor.seq > RELOAD_AFTER) return { kind: "reload", epoch, seq: current.seq };
    const changes = await this.store.changesSince(board, cursor.seq, options.limit ?? RELOAD_AFTER);
    // The log may already hold changes committed after the board was read: seq is the newer of both.
    return { kind: "changes", epoch, seq: Math.max(current.seq, changes.at(-1)?.seq ?? 0), changes };
  }

  private async fromList(board: string, cursor: Cursor, atLeast: number): Promise<CatchUp | null> {
    if (cursor.epoch === undefined) return null;
    try {
      const read = await this.list.since(board, cursor.seq);
      this.knownEpoch = read.epoch;
      if (read.epoch !== cursor.epoch || !read.changes) return null;
      // The list keeps changes as they were pushed; a comment deleted or edited since still has its
      // old words there. Only the durable log is rewritten (store.ts, `removeComment`), so a range
      // with comment text is answered from it.
      if (read.changes.some(carriesCommentText)) return null;
      const seq = read.changes.at(-1)?.seq ?? cursor.seq;
      if (seq < atLeast) return null;
      return { kind: "changes", epoch: read.epoch, seq, changes: read.changes };
    } catch (error) {
      this.onListError(error);
      return null;
    }
  }
}

/** Changes whose action carries a comment's words, which a later edit or deletion may take back. */
export function carriesCommentText(change: BoardChange): boolean {
  return change.action.type === "commentCard" || change.action.type === "updateComment";
}
