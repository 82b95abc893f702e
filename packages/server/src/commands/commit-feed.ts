// Committed changes leave the command layer here, after the transaction has committed and never
// before. The real-time layer listens and fans them out; nothing here knows about sockets.
import type { BoardChange } from "@tack/shared/changes";

/** What a listener may want to know of a commit besides its changes. */
export interface CommitFacts {
  /** Whether it wrote outbox entries (a write that queued none need not wake the outbox worker). */
  readonly outbox: boolean;
}

export type CommitListener = (changes: readonly BoardChange[], facts: CommitFacts) => void;
/** Boards whose readers may have changed by a write outside them (a workspace member removed). */
export type AccessListener = (boardIds: readonly string[]) => void;

export class CommitFeed {
  private readonly listeners = new Set<CommitListener>();
  private readonly accessListeners = new Set<AccessListener>();

  listen(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(changes: readonly BoardChange[], facts: CommitFacts = { outbox: true }): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes, facts);
  }

  /**
   * A committed write beside these boards (not a board change) may have taken read access away:
   * the real-time layer checks their open sockets again, here and on the other processes, as it
   * does after a board change that removes a member.
   */
  accessChanged(boardIds: readonly string[]): void {
    if (boardIds.length === 0) return;
    for (const listener of this.accessListeners) listener(boardIds);
  }

  listenAccess(listener: AccessListener): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }
}
