// Announces ended credentials (logout, revoked token) so the real-time layer can close the
// sockets that were opened with them.
export type Ended = { sessionHash: string } | { tokenId: string } | { memberId: string };
export type EndedListener = (ended: Ended) => void;

export class SessionFeed {
  private readonly listeners = new Set<EndedListener>();

  listen(listener: EndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(ended: Ended): void {
    for (const listener of this.listeners) listener(ended);
  }
}
