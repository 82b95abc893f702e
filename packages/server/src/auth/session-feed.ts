// Announces ended credentials (logout, revoked token): the real-time layer closes the sockets that
// were opened with them and relays the news to other processes, and every process drops them from
// its credential cache. `origin` says whether this process ended them or heard it from another.
export type Ended = { sessionHash: string } | { tokenId: string } | { memberId: string };
export type EndedOrigin = "local" | "remote";
export type EndedListener = (ended: Ended, origin: EndedOrigin) => void;

export class SessionFeed {
  private readonly listeners = new Set<EndedListener>();

  listen(listener: EndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ended(ended: Ended, origin: EndedOrigin = "local"): void {
    for (const listener of this.listeners) listener(ended, origin);
  }
}
