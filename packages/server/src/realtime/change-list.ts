// The recent-change list: per board, a fixed number of the latest changes with their sequence
// numbers (Trello kept these in Redis lists with a counter). It answers polls and reconnects
// cheaply; the durable action log answers whatever the list cannot (catch-up.ts).
//
// The list may lose history at any time (Redis flushed, restarted, an LRU eviction, a failed
// append), so it never claims more than it can prove: a read returns the changes from the
// cursor's own seq on, and only counts as covering the cursor when that first entry is the
// cursor itself (or seq 1 for a cursor at 0) and every later seq follows without a hole. The
// `epoch` names one unbroken life of the list: it changes whenever the list may have lost history
// wholesale, so a client's cursor from another epoch is answered from the durable log.
import type { BoardChange } from "@tack/shared/changes";

export interface ListRead {
  epoch: string;
  /** Changes with seq > the cursor, in order, when the list covers the cursor; null when it cannot. */
  changes: BoardChange[] | null;
}

export interface ChangeList {
  /** Records a committed change; answers the epoch it was recorded in. */
  append(change: BoardChange): Promise<string>;
  /** The changes after `afterSeq`, if this list can prove it has all of them. */
  since(board: string, afterSeq: number): Promise<ListRead>;
  /** The current epoch (created when there is none). */
  epoch(): Promise<string>;
  close(): Promise<void>;
}

/** How many recent changes each board keeps (Trello kept a couple of hundred). */
export const RECENT_CHANGES_PER_BOARD = 256;

/** A fresh epoch: random, so two lives of a list never share a name. */
export function newEpoch(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

/**
 * Given the list's entries with seq >= afterSeq (ascending), the changes after `afterSeq` when
 * they are provably complete up to the newest entry, else null.
 */
export function coveredAfter(afterSeq: number, entries: readonly BoardChange[]): BoardChange[] | null {
  const first = entries[0];
  if (!first) return null;
  const after =
    afterSeq === 0 && first.seq === 1 ? [...entries] : first.seq === afterSeq ? entries.slice(1) : null;
  if (!after) return null;
  let expected = afterSeq + 1;
  for (const change of after) {
    if (change.seq !== expected) return null;
    expected += 1;
  }
  return after;
}
