// Announces ended credentials (logout, revoked token, changed password): the real-time layer closes
// the sockets that were opened with them, and every process drops them from its credential cache.
// `origin` says whether this process ended them or heard it from another.
//
// `end` is what routes call: it tells this process's listeners, then waits for the relay
// (auth/revocation-relay.ts) to confirm that every other process has dropped the credential too,
// so a logout or revoke that has answered is in force everywhere.
export type Ended =
  | { sessionHash: string }
  | { tokenId: string }
  | { memberId: string }
  /** Cached read access to this board ended (a member removed, its visibility changed, deleted). */
  | { boardAccess: string };
export type EndedOrigin = "local" | "remote";
export type EndedListener = (ended: Ended, origin: EndedOrigin) => void;
/** Carries ended credentials to the other processes; resolves once they have all dropped them. */
export type EndedRelay = (ended: readonly Ended[]) => Promise<void>;

export class SessionFeed {
  private readonly listeners = new Set<EndedListener>();
  private relay: EndedRelay | null = null;

  listen(listener: EndedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Installs the cross-process relay (scale-out mode); without one there are no other processes. */
  relayWith(relay: EndedRelay): void {
    this.relay = relay;
  }

  ended(ended: Ended, origin: EndedOrigin = "local"): void {
    for (const listener of this.listeners) listener(ended, origin);
  }

  /** Ends credentials here and waits until every process has dropped them. */
  async end(...ended: Ended[]): Promise<void> {
    if (ended.length === 0) return;
    for (const one of ended) this.ended(one, "local");
    if (this.relay) await this.relay(ended);
  }
}
