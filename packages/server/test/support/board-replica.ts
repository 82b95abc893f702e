// A client's copy of one board, built only from the changes it receives (from seq 1, the board's
// creation), with the shared applyChange the web client uses; and the comparable form of a board,
// so a test can check that a replica equals the server's board.
import { applyChange, type BoardState, stateFromSnapshot } from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import type { Store } from "../../src/store/store.ts";

export class BoardReplica {
  readonly board: string;
  state: BoardState | null = null;
  epoch = "";
  /** Changes received again after they were applied: the server should never send any. */
  duplicates = 0;

  constructor(board: string) {
    this.board = board;
  }

  get seq(): number {
    return this.state?.seq ?? 0;
  }

  /** Applies one change; false (and nothing changes) when it does not follow the last one. */
  apply(change: BoardChange): boolean {
    if (change.board !== this.board)
      throw new Error(`change of board ${change.board} sent for ${this.board}`);
    if (change.seq <= this.seq) {
      this.duplicates += 1;
      return true;
    }
    if (!this.state) {
      if (change.seq !== 1 || !change.models.board) return false;
      this.state = stateFromSnapshot({
        board: change.models.board,
        seq: 0,
        lists: [],
        cards: [],
        labels: [],
        checklists: [],
        attachments: [],
        customFields: [],
        memberships: [],
        members: [],
        actions: [],
      });
    }
    return applyChange(this.state, change);
  }
}

export interface Comparable {
  seq: number;
  board: unknown;
  lists: unknown[];
  cards: unknown[];
  labels: unknown[];
  checklists: unknown[];
  attachments: unknown[];
  customFields: unknown[];
  memberships: unknown[];
}

const sorted = <T extends { id: string }>(items: Iterable<T>): T[] =>
  [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * Two board fields are the server's bookkeeping, written by every command (the activity date) or
 * every new card (the card counter) without the change carrying the board: no client shows them,
 * so they are left out of the comparison.
 */
function withoutActivity(board: { dateLastActivity?: string; cardCounter?: number }): unknown {
  const { dateLastActivity: _date, cardCounter: _counter, ...rest } = board;
  return rest;
}

export function comparableReplica(replica: BoardReplica): Comparable {
  const s = replica.state;
  if (!s) throw new Error(`replica of ${replica.board} has no state`);
  return {
    seq: s.seq,
    board: withoutActivity(s.board),
    lists: sorted(s.lists.values()),
    cards: sorted(s.cards.values()),
    labels: sorted(s.labels.values()),
    checklists: sorted(s.checklists.values()),
    attachments: sorted(s.attachments.values()),
    customFields: sorted(s.customFields.values()),
    memberships: sorted(s.memberships.values()),
  };
}

export async function comparableServerBoard(store: Store, board: string): Promise<Comparable> {
  const s = await store.loadBoard(board);
  if (!s) throw new Error(`board ${board} is gone`);
  return {
    seq: s.seq,
    board: withoutActivity(s.board),
    lists: sorted(s.lists),
    cards: sorted(s.cards),
    labels: sorted(s.labels),
    checklists: sorted(s.checklists),
    attachments: sorted(s.attachments),
    customFields: sorted(s.customFields ?? []),
    memberships: sorted(s.memberships),
  };
}
