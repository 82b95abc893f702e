// Committed changes leave the command layer here, after the transaction has committed and never
// before. The real-time layer listens and fans them out; nothing here knows about sockets.
import type { BoardChange } from "@tack/shared/changes";

export type CommitListener = (changes: readonly BoardChange[]) => void;

export class CommitFeed {
  private readonly listeners = new Set<CommitListener>();

  listen(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(changes: readonly BoardChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}
