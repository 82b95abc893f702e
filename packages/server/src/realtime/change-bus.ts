// The bus carries committed changes (and ended sessions, whose sockets may be on any process) to
// every process. The process where it happened handles it locally and directly; the bus brings it
// to the others. One interface, two adapters: in-process (the embedded default, where there are
// no others) and Redis pub/sub (scale-out).
import type { BoardChange } from "@tack/shared/changes";
import type { Ended } from "../auth/session-feed.ts";
import type { BoardWrites } from "../store/store.ts";

export type BusMessage =
  | { kind: "change"; epoch: string; change: BoardChange }
  | { kind: "ended"; ended: Ended }
  /** Read access to these boards may have changed without a board change (workspace membership). */
  | { kind: "access"; boards: string[] }
  /** What a board transaction wrote, for the other processes' copies of the board (decision 0050). */
  | { kind: "writes"; writes: BoardWrites };

export interface BusEvents {
  /** Something that happened on another process. */
  message(message: BusMessage): void;
  /** Messages may have been lost (the connection to Redis dropped and came back): resynchronize. */
  resync(): void;
  /**
   * Whether a board transaction's writes from `from` on are of use here (a copy of the board held
   * at that version, or behind it, decision 0053): the others are dropped before they are parsed.
   * Absent: all are.
   */
  wantsWrites?(board: string, from: number): boolean;
  /**
   * Changes of boards that nobody watches here are not parsed: only their heads are heard, read
   * off their first characters (a poll needs no more). Absent: every change is parsed and heard
   * whole (`message`).
   */
  changeHeads?: {
    /** Whether a change of this board is of use here whole (sockets here watch the board). */
    wanted(board: string): boolean;
    heard(head: ChangeHead): void;
  };
}

/** What a change says of its board's head: the epoch of the list it was recorded in, and its seq. */
export interface ChangeHead {
  readonly epoch: string;
  readonly board: string;
  readonly seq: number;
}

export interface ChangeBus {
  publish(message: BusMessage): Promise<void>;
  /** False while messages from other processes cannot arrive (Redis away). */
  healthy(): boolean;
  close(): Promise<void>;
}
