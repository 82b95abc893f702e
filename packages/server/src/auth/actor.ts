// Who is making a request. Trello-style API tokens (query `key`/`token`, or an OAuth header) act
// without CSRF checks because the browser never sends them on its own; the session cookie does,
// so cookie-authenticated writes must carry the session's CSRF token.
import { ErrorCode, TackError } from "@tack/shared/errors";

export type Actor =
  | { readonly kind: "anonymous" }
  | { readonly kind: "member"; readonly memberId: string; readonly via: "token"; readonly tokenId: string }
  | {
      readonly kind: "member";
      readonly memberId: string;
      readonly via: "session";
      readonly sessionHash: string;
      readonly csrfToken: string;
    };

export type MemberActor = Extract<Actor, { kind: "member" }>;

export const ANONYMOUS: Actor = { kind: "anonymous" };

export function requireMember(actor: Actor): MemberActor {
  if (actor.kind === "member") return actor;
  throw new TackError(ErrorCode.unauthenticated, "Log in, or pass a key and token, to do this");
}

export function memberIdOf(actor: Actor): string | null {
  return actor.kind === "member" ? actor.memberId : null;
}
