// A short-lived per-process cache of valid API tokens and sessions, so a request does not pay a
// database round trip just to learn who is asking. Ended credentials (logout, revocation) are
// dropped at once, on every process: the session feed carries the news between processes over
// Redis (auth/revocation-relay.ts), and the process that ended them answers only once the others
// have confirmed. While this process cannot hear about revocations (its Redis subscription is down)
// the cache is not used at all, and it is emptied when the subscription comes back.
//
// It also keeps, for the routes that ask for it, a person's access to a board: read access for the
// polling check (decision 0031-group-commit-and-poll-cache) and for writes of any object the
// process's copy of that board holds (decision 0060), and the access and board of an object written
// by the card and list update routes (decision 0044-cached-write-access), the hottest. Only
// access that does not depend on workspace membership (a board member, or a public board), since
// workspace changes are not board changes. A change that may narrow access (a member removed or
// their role changed, the board's visibility, workspace, comment rule or closing changed, the board
// deleted) ends the board's cached access on every process before its write answers
// (`{ boardAccess }`, relayed and acknowledged like a revocation: commands/mutate.ts).
import type { BoardObjectKind } from "@tack/shared/models";
import { type BoardPermission, hasBoardPermission } from "@tack/shared/permissions";
import type { SessionRecord, TokenRecord } from "../store/store.ts";
import type { AuthorizedBoard } from "./access.ts";
import type { Ended } from "./session-feed.ts";

interface Entry<T> {
  record: T;
  until: number;
}

export class CredentialCache {
  private readonly tokens = new Map<string, Entry<TokenRecord>>();
  private readonly sessions = new Map<string, Entry<SessionRecord>>();
  /**
   * Board access by `${memberId}\n${idOrShortLink}` ("" for anonymous), and an object's board and
   * access by `${memberId}\n${kind}\n${idOrShortLink}`; both end together (`forget`).
   */
  private readonly access = new Map<string, Entry<CachedAccess>>();
  /** Bumped whenever cached access ends, so a read that raced with the end is not remembered. */
  private accessEnds = 0;
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
    this.accessEnds++;
    this.tokens.clear();
    this.sessions.clear();
    this.access.clear();
  }

  /** A person's (null: anonymous) read access to a board seen recently, as `authorizeBoard` found it. */
  boardAccess(idOrShortLink: string, memberId: string | null): AuthorizedBoard | undefined {
    const entry = this.fresh(this.access, accessKey(idOrShortLink, memberId));
    return entry && { boardId: entry.boardId, access: entry.access };
  }

  /** The board an object was seen on recently, and the person's access to it then. */
  objectAccess(
    kind: BoardObjectKind,
    idOrShortLink: string,
    memberId: string,
  ): (AuthorizedBoard & { objectId: string }) | undefined {
    const entry = this.fresh(this.access, objectKey(kind, idOrShortLink, memberId));
    return entry?.objectId === undefined
      ? undefined
      : { boardId: entry.boardId, access: entry.access, objectId: entry.objectId };
  }

  /** Drops one object's entry: it was not on the board its entry named (moved, or deleted). */
  forgetObject(kind: BoardObjectKind, idOrShortLink: string, memberId: string): void {
    this.access.delete(objectKey(kind, idOrShortLink, memberId));
  }

  /** Counts ends of cached board access: take it before reading access from the store. */
  accessGeneration(): number {
    return this.accessEnds;
  }

  /**
   * Remembers read access that only a board change can take away (see the top of this file), unless
   * some board's access ended since `generation`: the read may have raced with that end.
   */
  rememberBoardAccess(
    idOrShortLink: string,
    memberId: string | null,
    found: AuthorizedBoard,
    generation: number,
  ): void {
    if (!this.mayRemember(found, "read", generation)) return;
    this.remember(this.access, accessKey(idOrShortLink, memberId), { ...found, memberId: memberId ?? "" });
  }

  /**
   * Remembers the board of an object and the person's access to it, found by one read in which
   * they had `permission`, unless that permission came from workspace membership or some board's
   * access ended since `generation` (as `rememberBoardAccess`).
   */
  rememberObjectAccess(
    kind: BoardObjectKind,
    idOrShortLink: string,
    memberId: string,
    found: AuthorizedBoard & { objectId: string },
    permission: BoardPermission,
    generation: number,
  ): void {
    if (!this.mayRemember(found, permission, generation)) return;
    this.remember(this.access, objectKey(kind, idOrShortLink, memberId), {
      boardId: found.boardId,
      access: found.access,
      memberId,
      objectId: found.objectId,
    });
  }

  private mayRemember(found: AuthorizedBoard, permission: BoardPermission, generation: number): boolean {
    return (
      generation === this.accessEnds &&
      hasBoardPermission({ ...found.access, inOrganization: false }, permission)
    );
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
    else if ("boardAccess" in ended) {
      this.accessEnds++;
      for (const [key, entry] of this.access)
        if (entry.record.boardId === ended.boardAccess) this.access.delete(key);
    } else if ("tokenId" in ended) {
      for (const [hash, entry] of this.tokens)
        if (entry.record.id === ended.tokenId) this.tokens.delete(hash);
    } else {
      for (const [hash, entry] of this.tokens)
        if (entry.record.memberId === ended.memberId) this.tokens.delete(hash);
      for (const [hash, entry] of this.sessions)
        if (entry.record.memberId === ended.memberId) this.sessions.delete(hash);
      this.accessEnds++;
      for (const [key, entry] of this.access)
        if (entry.record.memberId === ended.memberId) this.access.delete(key);
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

/** What the access map keeps: a board's, or (with `objectId`) an object's board's. */
interface CachedAccess extends AuthorizedBoard {
  memberId: string;
  objectId?: string;
}

function accessKey(idOrShortLink: string, memberId: string | null): string {
  return `${memberId ?? ""}\n${idOrShortLink}`;
}

function objectKey(kind: BoardObjectKind, idOrShortLink: string, memberId: string): string {
  return `${memberId}\n${kind}\n${idOrShortLink}`;
}
