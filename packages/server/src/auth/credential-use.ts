// Records where and when each session and token was last used, for the account page. Writing on
// every request would add a database write to every read, so each process writes a credential's
// use at most once a minute (or at once when the address or browser changed).
import type { FastifyRequest } from "fastify";
import type { CredentialUse, Store } from "../store/store.ts";
import type { Actor } from "./actor.ts";

const REWRITE_AFTER_MS = 60_000;
const MAX_USER_AGENT = 300;

export function useOf(request: FastifyRequest): CredentialUse {
  const agent = request.headers["user-agent"];
  return {
    at: Date.now(),
    address: request.ip,
    userAgent: typeof agent === "string" ? agent.slice(0, MAX_USER_AGENT) : "",
  };
}

export class CredentialUseRecorder {
  private readonly written = new Map<string, CredentialUse>();
  private readonly store: Store;
  private readonly onError: (error: unknown) => void;

  constructor(store: Store, onError: (error: unknown) => void) {
    this.store = store;
    this.onError = onError;
  }

  /** Notes the use without delaying the request; a failed write only loses the note. */
  record(actor: Actor, request: FastifyRequest): void {
    if (actor.kind !== "member") return;
    const key = actor.via === "session" ? `s:${actor.sessionHash}` : `t:${actor.tokenId}`;
    const use = useOf(request);
    const last = this.written.get(key);
    if (
      last &&
      use.at - last.at < REWRITE_AFTER_MS &&
      last.address === use.address &&
      last.userAgent === use.userAgent
    )
      return;
    if (this.written.size >= 10_000) this.written.delete(this.written.keys().next().value as string);
    this.written.set(key, use);
    const write =
      actor.via === "session"
        ? this.store.touchSession(actor.sessionHash, use)
        : this.store.touchToken(actor.tokenId, use);
    write.catch(this.onError);
  }
}
