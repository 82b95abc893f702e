// A short-lived per-process cache of valid API tokens and sessions, so a request does not pay a
// database round trip just to learn who is asking. Ended credentials (logout, revocation) are
// dropped at once, on every process: the session feed carries the news between processes over
// Redis (auth/revocation-relay.ts), and the process that ended them answers only once the others
// have confirmed. While this process cannot hear about revocations (its Redis subscription is down)
// the cache is not used at all, and it is emptied when the subscription comes back.
import type { SessionRecord, TokenRecord } from "../store/store.ts";
import type { Ended } from "./session-feed.ts";

interface Entry<T> {
  record: T;
  until: number;
}

export class CredentialCache {
  private readonly tokens = new Map<string, Entry<TokenRecord>>();
  private readonly sessions = new Map<string, Entry<SessionRecord>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  private usable: () => boolean = () => true;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
  }

  /** Trust cached entries only while `usable()` says this process hears every revocation. */
  onlyWhile(usable: () => boolean): void {
    this.usable = usable;
  }

  clear(): void {
    this.tokens.clear();
    this.sessions.clear();
  }

  token(hash: string): TokenRecord | undefined {
    return this.fresh(this.tokens, hash);
  }

  session(hash: string): SessionRecord | undefined {
    return this.fresh(this.sessions, hash);
  }

  rememberToken(hash: string, record: TokenRecord): void {
    this.remember(this.tokens, hash, record);
  }

  rememberSession(hash: string, record: SessionRecord): void {
    this.remember(this.sessions, hash, record);
  }

  forget(ended: Ended): void {
    if ("sessionHash" in ended) this.sessions.delete(ended.sessionHash);
    else if ("tokenId" in ended) {
      for (const [hash, entry] of this.tokens)
        if (entry.record.id === ended.tokenId) this.tokens.delete(hash);
    } else {
      for (const [hash, entry] of this.tokens)
        if (entry.record.memberId === ended.memberId) this.tokens.delete(hash);
      for (const [hash, entry] of this.sessions)
        if (entry.record.memberId === ended.memberId) this.sessions.delete(hash);
    }
  }

  private fresh<T>(map: Map<string, Entry<T>>, key: string): T | undefined {
    if (!this.usable()) return undefined;
    const entry = map.get(key);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      map.delete(key);
      return undefined;
    }
    return entry.record;
  }

  private remember<T>(map: Map<string, Entry<T>>, key: string, record: T): void {
    if (this.ttlMs === 0 || !this.usable()) return;
    // Oldest first out: Maps iterate in insertion order.
    if (map.size >= this.maxEntries) map.delete(map.keys().next().value as string);
    map.set(key, { record, until: Date.now() + this.ttlMs });
  }
}
